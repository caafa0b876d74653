import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Chain } from "../Chain.ts"
import { chainContract, setupSubnet } from "../../testing/Chain.contract.ts"
import { ChainControl } from "../ChainControl.ts"
import type { Signer } from "../Signer.ts"
import { devSignerLayer } from "../../keys/devKeys.ts"
import { startLocalnet } from "./LocalnetServer.ts"
import * as RemoteChain from "./RemoteChain.ts"

/** A fresh localnet server and a client of it, both closed with the test's scope. */
const localnetChain = (): Layer.Layer<Chain | ChainControl, never, Signer> =>
  Layer.effectContext(Effect.gen(function*() {
    const server = yield* Effect.acquireRelease(Effect.promise(() => startLocalnet()), (s) => Effect.promise(() => s.close()))
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
      const { before, after } = yield* scenario.pipe(Effect.provide(RemoteChain.layer({ url: first.url }).pipe(Layer.provide(devSignerLayer))))
      assert.deepStrictEqual(after, before)
    }))
})
