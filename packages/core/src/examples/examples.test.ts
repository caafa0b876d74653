/**
 * The two example subnets of the shapes beyond the simple one, in process: `labels` (hidden truth) and `kv`
 * (stateful rounds with request kinds, subnet state and per-hotkey miner data), each through the real runtimes and
 * in a simulation of its shipped scenario.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { MockChain } from "../chain/MockChain.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { serveMiner } from "../neuron/Miner.ts"
import { StateStore } from "../neuron/StateStore.ts"
import { makeValidator } from "../neuron/Validator.ts"
import { decodeScenario } from "../simulation/Scenario.ts"
import { simulate } from "../simulation/simulate.ts"
import { defineSubnet } from "../subnet/defineSubnet.ts"
import { setupLocalSubnet } from "../testing/localSubnet.ts"
import { recordingTransport } from "../testing/recordingTransport.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import type { WireRequest } from "../transport/Transport.ts"
import constantProfile from "./constantLabels.ts"
import type { KvState } from "./kv.ts"
import { kv, REPLICAS } from "./kv.ts"
import forgetfulProfile from "./kvForgetful.ts"
import { labels } from "./labels.ts"

const scenarioFile = (name: string) => decodeScenario(JSON.parse(readFileSync(join(import.meta.dirname, name), "utf8")))

describe("labels: a hidden truth", () => {
  it.live("behavior: the truth never reaches a miner; honest labels score 1, a constant label about a third", () => {
    const seen: Array<WireRequest> = []
    const truths: Array<string> = []
    // The real subnet, with its generator observed: the truths it kept.
    const observed = defineSubnet({
      ...labels,
      validator: {
        ...labels.validator,
        generate: (ctx) =>
          Effect.tap(labels.validator.generate(ctx), (g) => Effect.sync(() => void truths.push(g.truth))),
      },
    })
    return Effect.gen(function*() {
      const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 3 })
      const constant = defineSubnet({ ...labels, miner: () => Effect.succeed({ label: "flat" as const }) })
      const served = yield* Effect.forEach(
        miners,
        (m, i) => serveMiner(i === 2 ? constant : labels, { netuid, hotkey: m.hotkey }),
      )
      for (const m of served) yield* m.sync
      const validator = yield* makeValidator(observed, { netuid, hotkey: validators[0]!.hotkey, timeoutMs: 100 }).pipe(
        Effect.provide(StateStore.layerMemory()),
      )
      const rewards = new Map<string, Array<number>>()
      for (let step = 0; step < 60; step++) {
        for (const r of (yield* validator.step()).results) {
          rewards.set(r.hotkey, [...(rewards.get(r.hotkey) ?? []), r.reward])
        }
      }
      assert.strictEqual(seen.length, 60 * 3)
      assert.strictEqual(truths.length, 60)
      for (const request of seen) {
        assert.deepStrictEqual(Object.keys(request.body as object), ["series"])
        const text = JSON.stringify(request)
        for (const label of ["rising", "falling", "flat"]) assert.notInclude(text, label)
      }
      const mean = (hotkey: string) => rewards.get(hotkey)!.reduce((a, b) => a + b, 0) / rewards.get(hotkey)!.length
      assert.strictEqual(mean(miners[0]!.hotkey), 1)
      assert.strictEqual(mean(miners[1]!.hotkey), 1)
      assert.closeTo(mean(miners[2]!.hotkey), 1 / 3, 0.15)
    }).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), recordingTransport(seen))),
      Effect.scoped,
    )
  })

  it.effect("behavior: in the shipped scenario honest miners take over 90% of miner emission against constant and random ones", () =>
    Effect.gen(function*() {
      const scenario = yield* Effect.orDie(Effect.try(() => scenarioFile("labels.scenario.json")))
      const r = yield* simulate(scenario, { subnet: labels, minerProfiles: { "./constantLabels.ts": constantProfile } })
      const share = (name: string) => r.profiles.find((p) => p.name === name)!.emissionShare
      // Right a third of the time is what guessing gives: the scoreboard pays accuracy above chance only.
      assert.isAbove(share("honest"), 0.9)
      assert.isBelow(share("constant") + share("random"), 0.1)
    }))
})

describe("kv: stateful rounds", () => {
  it.live("behavior: placements are kept in subnet state, each miner keeps its own data, a wiped miner scores 0", () =>
    Effect.gen(function*() {
      const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 4 })
      const served = yield* Effect.forEach(miners, (m) => serveMiner(kv, { netuid, hotkey: m.hotkey }))
      for (const m of served) yield* m.sync
      const validator = yield* makeValidator(kv, {
        netuid,
        hotkey: validators[0]!.hotkey,
        timeoutMs: 500,
        sampleSize: 4,
      }).pipe(Effect.provide(StateStore.layerMemory()))
      for (let step = 0; step < 5; step++) yield* validator.step()
      const state = validator.state().subnet as KvState
      assert.strictEqual(state.written, 5)
      for (const p of state.placements) {
        assert.strictEqual(p.holders.length, REPLICAS)
        assert.isTrue(p.holders.every((h) => h.acknowledged))
      }
      const last = yield* validator.step()
      assert.isAbove(last.results.length, 0)
      for (const r of last.results) assert.strictEqual(r.reward, 1)
      assert.deepStrictEqual([...new Set(last.answers.map((a) => a.status))], ["ok"])
    }).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), InProcessTransport.layer())),
      Effect.scoped,
    ))

  it.effect("behavior: in the shipped scenario a miner that wipes its store earns nothing, the others share equally", () =>
    Effect.gen(function*() {
      const scenario = yield* Effect.orDie(Effect.try(() => scenarioFile("kv.scenario.json")))
      const r = yield* simulate(scenario, { subnet: kv, minerProfiles: { "./kvForgetful.ts": forgetfulProfile } })
      const forgetful = r.miners.filter((m) => m.group === "forgetful")
      const honest = r.miners.filter((m) => m.group === "honest")
      assert.strictEqual(forgetful.length, 1)
      for (const m of forgetful) assert.strictEqual(m.emissionTao, 0)
      // By the last epoch the honest miners' consensus weights are level (early epochs differ by who got data first).
      const consensus = (hotkey: string) => r.lastEpoch.consensus[r.lastEpoch.miners.indexOf(hotkey)]!
      for (const m of honest) assert.closeTo(consensus(m.hotkey) / consensus(honest[0]!.hotkey), 1, 0.1)
      for (const m of forgetful) assert.strictEqual(consensus(m.hotkey), 0)
      assert.isAbove(r.answers["honest"]!.meanReward, 0.95)
      assert.strictEqual(r.answers["forgetful"]!.meanReward, 0)
    }))
})
