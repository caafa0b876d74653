import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chainContract, setupSubnet } from "../../testing/Chain.contract.ts"
import { Chain } from "../Chain.ts"
import { ChainControl } from "../ChainControl.ts"
import type { Signer } from "../Signer.ts"
import { devSignerLayer } from "../Signer.ts"
import { startLocalnet } from "./LocalnetServer.ts"
import * as RemoteChain from "./RemoteChain.ts"

/** A fresh localnet server and a client of it, both closed with the test's scope. */
const localnetChain = (): Layer.Layer<Chain | ChainControl, never, Signer> =>
  Layer.effectContext(Effect.gen(function*() {
    const server = yield* Effect.acquireRelease(
      Effect.promise(() => startLocalnet()),
      (s) => Effect.promise(() => s.close()),
    )
    return yield* Layer.build(RemoteChain.layer({ url: server.url }))
  }))

chainContract("RemoteChain over a localnet server", localnetChain)

describe("localnet server and client", () => {
  it.live("behavior: a restarted server resumes the same state; calls while it is down fail fast and typed", () =>
    Effect.gen(function*() {
      const stateFile = join(mkdtempSync(join(tmpdir(), "localnet-")), "chain.json")
      const first = yield* Effect.promise(() => startLocalnet({ stateFile }))
      const port = first.port
      const scenario = Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setupSubnet()
        const before = yield* chain.subnetState(netuid)
        yield* Effect.promise(() => first.close())
        const down = yield* Effect.flip(chain.subnetState(netuid))
        assert.strictEqual(down._tag, "ChainUnavailable")
        const second = yield* Effect.promise(() => startLocalnet({ stateFile, port }))
        let after: typeof before | undefined
        for (let attempt = 0; attempt < 50 && after === undefined; attempt++) { // the client reconnects with backoff
          const result = yield* Effect.exit(chain.subnetState(netuid))
          if (Exit.isSuccess(result)) after = result.value
          else yield* Effect.sleep("100 millis")
        }
        yield* Effect.promise(() => second.close())
        return { before, after }
      })
      const { before, after } = yield* scenario.pipe(
        Effect.provide(RemoteChain.layer({ url: first.url }).pipe(Layer.provide(devSignerLayer))),
      )
      assert.deepStrictEqual(after, before)
    }))

  /** Retries `call` while the client reconnects (with backoff); its last failure if it never succeeds. */
  const afterReconnect = <A, E, R>(call: Effect.Effect<A, E, R>) =>
    Effect.gen(function*() {
      for (let attempt = 0;; attempt++) {
        const result = yield* Effect.exit(call)
        if (Exit.isSuccess(result) || attempt === 50) return yield* result
        yield* Effect.sleep("100 millis")
      }
    })

  it.live("behavior: a client keeps signing after its server restarts as another chain (a new genesis id, fresh nonces)", () =>
    Effect.gen(function*() {
      const first = yield* Effect.promise(() => startLocalnet())
      const scenario = Effect.gen(function*() {
        const chain = yield* Chain
        const control = yield* ChainControl
        yield* control.advance(3)
        const firstGenesis = first.chain.genesisId()
        yield* Effect.promise(() => first.close())
        const second = yield* Effect.promise(() => startLocalnet({ port: first.port }))
        assert.notStrictEqual(second.chain.genesisId(), firstGenesis)
        yield* afterReconnect(control.advance(2))
        const block = yield* chain.currentBlock
        yield* Effect.promise(() => second.close())
        return block
      })
      const block = yield* scenario.pipe(
        Effect.provide(RemoteChain.layer({ url: first.url }).pipe(Layer.provide(devSignerLayer))),
      )
      assert.strictEqual(block, 3) // the new chain's genesis block 1, advanced by the signed call
    }))

  it.live("behavior: a state file saved before genesis ids loads, gets an id saved, and takes signed calls", () =>
    Effect.gen(function*() {
      const stateFile = join(mkdtempSync(join(tmpdir(), "localnet-")), "chain.json")
      const old = yield* Effect.promise(() => startLocalnet({ stateFile }))
      yield* Effect.promise(() => old.close())
      const { genesis, ...withoutId } = JSON.parse(readFileSync(stateFile, "utf8")) as { genesis?: string }
      assert.isString(genesis)
      writeFileSync(stateFile, JSON.stringify(withoutId))
      const server = yield* Effect.promise(() => startLocalnet({ stateFile }))
      const saved = (JSON.parse(readFileSync(stateFile, "utf8")) as { genesis?: string }).genesis
      assert.match(saved ?? "", /^[0-9a-f]{64}$/)
      assert.strictEqual(saved, server.chain.genesisId())
      const block = yield* Effect.gen(function*() {
        yield* (yield* ChainControl).advance(1)
        return yield* (yield* Chain).currentBlock
      }).pipe(Effect.provide(RemoteChain.layer({ url: server.url }).pipe(Layer.provide(devSignerLayer))))
      yield* Effect.promise(() => server.close())
      assert.strictEqual(block, 2)
    }))
})
