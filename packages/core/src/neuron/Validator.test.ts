import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Option, Schema } from "effect"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Chain } from "../chain/Chain.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import { MockChain } from "../chain/MockChain.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { arithmetic } from "../examples/arithmetic.ts"
import { defineSubnet, kind } from "../subnet/defineSubnet.ts"
import { setupLocalSubnet } from "../testing/localSubnet.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import { serveMiner } from "./Miner.ts"
import { initialValidatorState, StateStore } from "./StateStore.ts"
import { makeValidator } from "./Validator.ts"

const world = Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), InProcessTransport.layer())

describe("validator runtime", () => {
  it.live("behavior: resumes the saved state instead of overwriting it (the template's issue #139)", () =>
    Effect.gen(function*() {
      const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 2 })
      yield* Effect.forEach(miners, (m) => serveMiner(arithmetic, { netuid, hotkey: m.hotkey }))
      const [m1, m2] = [miners[0]!.hotkey, miners[1]!.hotkey]
      const saved = { ...initialValidatorState, step: 41, scores: { [m1]: 0.7, [m2]: 0.2, "gone-hot": 0.9 } }
      const store = StateStore.layerMemory(saved)
      const validator = yield* makeValidator(arithmetic, { netuid, hotkey: validators[0]!.hotkey, timeoutMs: 100 })
        .pipe(Effect.provide(store))
      const report = yield* validator.step()
      assert.strictEqual(report.step, 42)
      const scores = validator.state().scores as ReadonlyMap<string, number>
      assert.isAbove(scores.get(m1)!, 0.7) // kept and moved up by a correct answer
      assert.isFalse(scores.has("gone-hot")) // not registered any more
    }).pipe(Effect.provide(world), Effect.scoped))

  it.live("error: an unregistered hotkey stops the validator with what to do", () =>
    Effect.gen(function*() {
      const { netuid } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 1 })
      const validator = yield* makeValidator(arithmetic, { netuid, hotkey: "nobody" }).pipe(
        Effect.provide(StateStore.layerMemory()),
      )
      const error = yield* Effect.flip(validator.step())
      assert.strictEqual(error._tag, "NotRegistered")
      assert.match(error.message, /not registered on subnet 1; register it first/)
    }).pipe(Effect.provide(world), Effect.scoped))

  it.live("behavior: on a commit-reveal subnet it commits, then reveals one epoch later", () =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const control = yield* ChainControl
      const { netuid, validators, miners } = yield* setupLocalSubnet({
        validatorStakesTao: [10],
        miners: 3,
        hyperparameters: { tempo: 10, commitRevealEnabled: true, weightsRateLimit: 1 },
      })
      const served = yield* Effect.forEach(miners, (m) => serveMiner(arithmetic, { netuid, hotkey: m.hotkey }))
      for (const m of served) yield* m.sync
      const validator = yield* makeValidator(arithmetic, { netuid, hotkey: validators[0]!.hotkey, timeoutMs: 100 })
        .pipe(Effect.provide(StateStore.layerMemory()))
      const actions: Array<string> = []
      for (let b = 0; b < 25; b++) {
        const report = yield* validator.step()
        actions.push(...report.weights)
        yield* control.advance(1)
      }
      assert.deepStrictEqual(actions.slice(0, 2), ["committed", "revealed"])
      const row = (yield* chain.subnetState(netuid)).neurons[1]!.weights
      assert.deepStrictEqual(row.map(([uid]) => uid), [2, 3, 4])
    }).pipe(Effect.provide(world), Effect.scoped))

  it.effect("error: a corrupt state file stops the validator and is left as it was", () => {
    const path = join(mkdtempSync(join(tmpdir(), "validator-")), "state.json")
    writeFileSync(path, "{\"version\": 1, \"step\": \"many\"}")
    return Effect.gen(function*() {
      const error = yield* Effect.flip(makeValidator(arithmetic, { netuid: 1, hotkey: "v" }))
      assert.strictEqual(error._tag, "StateError")
      assert.match(error.message, /state\.json: .*step/)
      assert.strictEqual(readFileSync(path, "utf8"), "{\"version\": 1, \"step\": \"many\"}")
    }).pipe(
      Effect.provide(Layer.merge(StateStore.layerFile(path), MockChain.layer().pipe(Layer.provide(devSignerLayer)))),
    )
  })

  it.effect("behavior: the file store round-trips a state and reports none before the first save", () => {
    const path = join(mkdtempSync(join(tmpdir(), "validator-")), "state.json")
    return Effect.gen(function*() {
      const store = yield* StateStore
      assert.isTrue(Option.isNone(yield* store.load))
      const state = { ...initialValidatorState, step: 3, scores: { a: 0.25 } }
      yield* store.save(state)
      assert.deepStrictEqual(yield* store.load, Option.some(state))
    }).pipe(Effect.provide(StateStore.layerFile(path)))
  })

  it.live("behavior: a round may ask a miner that serves no axon: its answer is an error, not a crash", () =>
    Effect.gen(function*() {
      const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 2 })
      yield* serveMiner(arithmetic, { netuid, hotkey: miners[0]!.hotkey }) // the second miner never serves
      const everyone = defineSubnet({
        name: "everyone",
        version: "1.0.0",
        kinds: {
          task: kind({
            task: Schema.Struct({ a: Schema.Int }),
            response: Schema.Struct({ a: Schema.Int }),
            miner: (t) => Effect.succeed(t),
          }),
        },
        validator: {
          round: (ctx) =>
            Effect.map(
              ctx.query(
                "task",
                ctx.metagraph.uids.filter((u) => u !== ctx.uid && u > 0).map((uid) => ({ uid, task: { a: uid } })),
              ),
              (answers) => answers.map((a) => ({ uid: a.uid, reward: a.status === "ok" ? 1 : 0 })),
            ),
        },
      })
      const validator = yield* makeValidator(
        { ...everyone, name: "arithmetic" },
        { netuid, hotkey: validators[0]!.hotkey, timeoutMs: 100 },
      ).pipe(Effect.provide(StateStore.layerMemory()))
      const report = yield* validator.step()
      assert.deepStrictEqual(report.answers.map((a) => [a.hotkey, a.status]), [
        [miners[0]!.hotkey, "refused"],
        [miners[1]!.hotkey, "error"],
      ])
      assert.strictEqual(report.answers[1]!.detail, `uid ${report.answers[1]!.uid} serves no axon`)
    }).pipe(Effect.provide(world), Effect.scoped))
})
