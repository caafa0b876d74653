/**
 * The storage subnet's settings through core's resolution (defaults < config file < SUBNET_STORAGE_* < `--set`): the
 * environment names it has always read keep working, each value reaches the miner's kinds or the validator's round
 * through `ctx.config`, and a bad value is a `SubnetConfigError` naming where it came from.
 */
import { assert, describe, it } from "@effect/vitest"
import type { ConfigSources } from "@subnetkit/core"
import {
  devSignerLayer,
  InProcessTransport,
  makeValidator,
  minerContext,
  MockChain,
  resolveSubnetConfig,
  serveMiner,
  StateStore,
  SubnetConfigError,
} from "@subnetkit/core"
import { setupLocalSubnet } from "@subnetkit/core/testing"
import { Effect, Layer } from "effect"
import { randomBytes } from "node:crypto"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { enqueueFile } from "./files.ts"
import type { StorageSettings } from "./settings.ts"
import type { StorageState } from "./state.ts"
import { makeStorageSubnet } from "./storageSubnet.ts"

const subnet = makeStorageSubnet()
const resolve = (sources: ConfigSources) =>
  resolveSubnetConfig("storage", subnet.config!, sources) as Effect.Effect<StorageSettings, SubnetConfigError>

describe("storage subnet: settings", () => {
  it.effect("behavior: every SUBNET_STORAGE_* name it has always read sets its setting", () =>
    Effect.gen(function*() {
      const settings = yield* resolve({
        env: {
          SUBNET_STORAGE_REPLICAS: "2",
          SUBNET_STORAGE_CHUNK_BYTES: "4096",
          SUBNET_STORAGE_CAP_BYTES: "1000",
          SUBNET_STORAGE_DIR: "/spool",
          SUBNET_STORAGE_PROBE_FILES: "1",
          SUBNET_STORAGE_PROBE_MAX_BYTES: "10",
          SUBNET_STORAGE_OFFLINE_STEPS: "7",
          SUBNET_STORAGE_MAX_FAILURES: "5",
          SUBNET_STORAGE_STORES_PER_ROUND: "9",
          SUBNET_STORAGE_INGEST_PER_ROUND: "3",
        },
      })
      assert.deepStrictEqual(
        { ...settings },
        {
          replicas: 2,
          chunkBytes: 4096,
          capBytes: 1000,
          dir: "/spool",
          probeFiles: 1,
          probeMaxBytes: 10,
          offlineSteps: 7,
          maxFailures: 5,
          storesPerRound: 9,
          ingestPerRound: 3,
        },
      )
      // Unset: the defaults (no spool directory).
      assert.deepStrictEqual({ ...(yield* resolve({ env: {} })) }, { ...subnet.config!.defaults })
      assert.strictEqual(subnet.config!.defaults.dir, "")
    }))

  it.effect("behavior: --set capBytes=100 reaches the miner's store kind, over the config file and the environment", () =>
    Effect.gen(function*() {
      const settings = yield* resolve({
        file: { capBytes: 50 },
        env: { SUBNET_STORAGE_CAP_BYTES: "70" },
        flags: { capBytes: "100" },
      })
      assert.strictEqual(settings.capBytes, 100)
      const store = subnet.kinds.store!.miner
      const ctx = minerContext({ hotkey: "m", kind: "store", config: settings })
      const full = yield* Effect.flip(store({ id: "f-0", data: Buffer.alloc(101) }, ctx))
      assert.match(
        String(full),
        /StorageFull: storage full: writing 101 bytes would use 101 of this miner's 100-byte cap/,
      )
      yield* store({ id: "f-0", data: Buffer.alloc(100) }, ctx)
      // The default cap (10 GiB) takes the same write.
      yield* store({ id: "f-1", data: Buffer.alloc(101) }, minerContext({ hotkey: "m", kind: "store" }))
    }))

  it.live("behavior: SUBNET_STORAGE_DIR, _CHUNK_BYTES, _REPLICAS and _PROBE_FILES reach the validator's round", () =>
    Effect.gen(function*() {
      const spool = mkdtempSync(join(tmpdir(), "storage-settings-"))
      const id = yield* Effect.promise(() => enqueueFile(spool, "user-file", randomBytes(10_000)))
      const settings = yield* resolve({
        env: {
          SUBNET_STORAGE_DIR: spool,
          SUBNET_STORAGE_CHUNK_BYTES: "4096",
          SUBNET_STORAGE_REPLICAS: "2",
          SUBNET_STORAGE_PROBE_FILES: "0",
        },
      })
      const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 3 })
      const served = yield* Effect.forEach(
        miners,
        (m) => serveMiner(subnet, { netuid, hotkey: m.hotkey, config: settings }),
      )
      for (const m of served) yield* m.sync
      const validator = yield* makeValidator(subnet, {
        netuid,
        hotkey: validators[0]!.hotkey,
        timeoutMs: 5000,
        sampleSize: 3,
        config: settings,
      })
        .pipe(Effect.provide(StateStore.layerMemory()))
      yield* validator.step()
      const state = validator.state().subnet as StorageState
      // Only the user's file (no probe files), in 4096-byte chunks, each on 2 miners.
      assert.deepStrictEqual(state.files.map((f) => f.id), [id])
      assert.deepStrictEqual(state.files[0]!.chunks.map((c) => c.size), [4096, 4096, 1808])
      for (const c of state.files[0]!.chunks) assert.strictEqual(c.replicas.length, 2)
    }).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), InProcessTransport.layer())),
      Effect.scoped,
    ))

  it.effect("behavior: makeStorageSubnet(defaults) sets the defaults the sources override", () =>
    Effect.gen(function*() {
      const custom = makeStorageSubnet({ dir: "/spool", offlineSteps: 5 })
      assert.include(custom.config!.defaults, { dir: "/spool", offlineSteps: 5 })
      const settings = yield* resolveSubnetConfig("storage", custom.config!, {
        env: { SUBNET_STORAGE_OFFLINE_STEPS: "9" },
      })
      assert.include(settings, { dir: "/spool", offlineSteps: 9 })
    }))

  it.effect("error: a bad value is a SubnetConfigError naming the flag, variable or file field", () =>
    Effect.gen(function*() {
      const cases: Array<readonly [ConfigSources, string]> = [
        [{ env: { SUBNET_STORAGE_REPLICAS: "0" } }, "SUBNET_STORAGE_REPLICAS"],
        [{ env: { SUBNET_STORAGE_CAP_BYTES: "ten" } }, "SUBNET_STORAGE_CAP_BYTES"],
        [{ env: { SUBNET_STORAGE_OFFLINE_STEPS: "-1" } }, "SUBNET_STORAGE_OFFLINE_STEPS"],
        [{ flags: { chunkBytes: String(2 << 20) } }, "--set chunkBytes"],
        [{ flags: { maxFailures: "1.5" } }, "--set maxFailures"],
        [{ file: { probeFiles: "many" } }, "config file field probeFiles"],
        [{ flags: { offlineAfterSteps: "3" } }, "--set offlineAfterSteps"],
      ]
      for (const [sources, where] of cases) {
        const error = yield* Effect.flip(resolve(sources))
        assert.instanceOf(error, SubnetConfigError)
        assert.strictEqual(error.where, where, JSON.stringify(sources))
      }
      const error = yield* Effect.flip(resolve({ env: { SUBNET_STORAGE_REPLICAS: "0" } }))
      assert.strictEqual(
        String(error),
        "SubnetConfigError: subnet storage configuration, SUBNET_STORAGE_REPLICAS: Expected a value greater than or equal to 1",
      )
    }))
})
