/**
 * The storage subnet through the real miner and validator runtimes, in process on a mock chain: user files and
 * probe files placed on 3 miners each, lying miners (hash-only, proxying) failing every challenge and repaired
 * away, honest ones passing all, files fetched back byte-identical; and the shipped scenario in `simulate`.
 */
import { assert, describe, it } from "@effect/vitest"
import type { Subnet } from "@subnetkit/core"
import {
  decodeScenario,
  defineSubnet,
  devSignerLayer,
  InProcessTransport,
  makeValidator,
  MockChain,
  serveMiner,
  simulate,
  StateStore,
} from "@subnetkit/core"
import { setupLocalSubnet } from "@subnetkit/core/testing"
import { Effect, Layer } from "effect"
import { randomBytes } from "node:crypto"
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fetchFile } from "./client.ts"
import { enqueueFile } from "./files.ts"
import flaky from "./profiles/flaky.ts"
import hashOnly, { hashOnlyAnswer } from "./profiles/hashOnly.ts"
import proxying, { proxyingAnswer } from "./profiles/proxying.ts"
import type { StorageState } from "./state.ts"
import { makeStorageSubnet } from "./storageSubnet.ts"

/** The subnet with every kind answered by `answer` (a lying miner's handler). */
const lying = (subnet: Subnet, answer: (task: any, ctx: any) => Effect.Effect<unknown, unknown>): Subnet =>
  defineSubnet({
    ...subnet,
    kinds: Object.fromEntries(Object.entries(subnet.kinds).map(([name, k]) => [name, { ...k, miner: answer }])),
    validator: subnet.validator as any,
  })

describe("storage subnet in process", () => {
  it.live("behavior: files on 3 miners each; hash-only and proxying miners fail every challenge and are repaired away; files come back whole", () =>
    Effect.gen(function*() {
      const root = mkdtempSync(join(tmpdir(), "storage-inproc-"))
      const spool = join(root, "validator")
      const config = {
        dir: spool,
        chunkBytes: 64 * 1024,
        probeFiles: 3,
        probeMaxBytes: 200_000,
        maxFailures: 2,
      }
      const storage = makeStorageSubnet(config)
      const files = [randomBytes(1), randomBytes(150_000), randomBytes(64 * 1024)]
      const ids = yield* Effect.promise(() =>
        Promise.all(files.map((bytes, i) => enqueueFile(spool, `file-${i}`, bytes)))
      )
      const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 6 })
      // Miners 0–3 honest, 4 keeps hashes only, 5 answers from its neighbours' copies.
      const subnets = [
        storage,
        storage,
        storage,
        storage,
        lying(storage, hashOnlyAnswer),
        lying(storage, proxyingAnswer),
      ]
      const served = yield* Effect.forEach(miners, (m, i) => {
        mkdirSync(join(root, "miners", m.hotkey), { recursive: true })
        return serveMiner(subnets[i]!, { netuid, hotkey: m.hotkey, dataDir: join(root, "miners", m.hotkey) })
      })
      for (const m of served) yield* m.sync
      const validator = yield* makeValidator(storage, {
        netuid,
        hotkey: validators[0]!.hotkey,
        timeoutMs: 5000,
        sampleSize: 6,
      }).pipe(Effect.provide(StateStore.layerMemory()))
      let last = yield* validator.step()
      for (let step = 1; step < 30; step++) last = yield* validator.step()
      const state = validator.state().subnet as StorageState
      const honest = new Set(miners.slice(0, 4).map((m) => m.hotkey))
      const [hashOnlyKey, proxyKey] = [miners[4]!.hotkey, miners[5]!.hotkey]

      // Honest miners pass every challenge; the liars pass none (and were challenged).
      for (const h of honest) assert.strictEqual(state.miners[h]!.passed, state.miners[h]!.challenges)
      for (const h of [hashOnlyKey, proxyKey]) {
        assert.isAbove(state.miners[h]!.challenges, 1)
        assert.strictEqual(state.miners[h]!.passed, 0)
      }
      // Every chunk has R = 3 stored replicas, on honest miners only, on distinct hotkeys.
      assert.strictEqual(state.files.length, 6)
      for (const f of state.files) {
        for (const c of f.chunks) {
          const stored = c.replicas.filter((r) => r.status === "stored")
          assert.strictEqual(stored.length, 3, `${f.id}/${c.index}`)
          assert.isTrue(stored.every((r) => honest.has(r.hotkey)))
          assert.strictEqual(new Set(stored.map((r) => r.hotkey)).size, 3)
        }
      }
      assert.isAbove(state.repaired, 0)
      // Rewards: honest positive, liars nothing.
      const reward = new Map(last.results.map((r) => [r.hotkey, r.reward]))
      for (const h of honest) assert.isAbove(reward.get(h)!, 0.3)
      assert.strictEqual(reward.get(hashOnlyKey), 0)
      assert.strictEqual(reward.get(proxyKey), 0)
      // User files left the inbox and come back byte-identical from the miners.
      for (const [i, id] of ids.entries()) {
        const file = state.files.find((f) => f.id === id)!
        assert.isFalse(file.inInbox)
        const bytes = yield* fetchFile(storage, state, file, { netuid, caller: validators[0]!.hotkey })
        assert.isTrue(Buffer.from(bytes).equals(files[i]!))
      }
    }).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), InProcessTransport.layer())),
      Effect.scoped,
    ))

  it.effect("behavior: in the shipped scenario honest miners earn the most per hotkey; hash-only and proxying miners earn nothing", () =>
    Effect.gen(function*() {
      const scenario = decodeScenario(JSON.parse(readFileSync(join(import.meta.dirname, "../scenario.json"), "utf8")))
      const r = yield* simulate(scenario, {
        subnet: makeStorageSubnet(),
        minerProfiles: {
          "./src/profiles/hashOnly.ts": hashOnly,
          "./src/profiles/proxying.ts": proxying,
          "./src/profiles/flaky.ts": flaky,
        },
      })
      const perHotkey = (name: string) => {
        const group = r.miners.filter((m) => m.group === name)
        return group.reduce((a, m) => a + m.emissionTao, 0) / group.length
      }
      for (const other of ["hash-only", "proxying", "flaky", "offline"]) {
        assert.isAbove(perHotkey("honest"), perHotkey(other), other)
      }
      assert.strictEqual(perHotkey("hash-only"), 0)
      assert.strictEqual(perHotkey("proxying"), 0)
      assert.strictEqual(r.answers["proxying"]!.meanReward, 0)
    }))
})
