/**
 * `subnet localnet --chopsticks` owns its node: killing the command (even with SIGKILL) stops chopsticks' whole
 * process group, and a client's calls in flight then fail with `ChainUnavailable`. Runs when SUBTENSOR_SPEC names a
 * raw chain spec (spec 185's scripts/specs/local.json); skipped otherwise.
 */
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Chain, keypairFromUri, keysReady, signerLayer } from "@subnetkit/core"
import { SubtensorChain } from "@subnetkit/core/subtensor"
import { Effect, Exit, Layer, ManagedRuntime } from "effect"
import { killAll, subnet } from "./processes.ts"
import { freePort, SPEC } from "./subtensorNode.ts"

if (SPEC === undefined) {
  console.log(
    "subtensorLocalnet.test.ts skipped: set SUBTENSOR_SPEC=<raw chain spec, e.g. spec 185's scripts/specs/local.json> to run `subnet localnet --chopsticks`",
  )
}

const key = (uri: string) => keypairFromUri(uri)

describe.skipIf(SPEC === undefined)("subnet localnet --chopsticks", () => {
  afterAll(() => killAll())

  it(
    "behavior: the chopsticks process group goes with `subnet localnet --chopsticks`, even on SIGKILL, and calls in flight fail typed",
    async () => {
      // Blocks an hour apart, so a transaction stays in the pool until the node is killed.
      await Effect.runPromise(keysReady)
      const proc = subnet([
        "localnet",
        "--chopsticks",
        SPEC!,
        "--port",
        String(await freePort()),
        "--block-time",
        "3600",
      ])
      const { pid, url: url2 } = JSON.parse(await proc.waitFor(/^\{"url"/, 240_000)) as { pid: number; url: string }
      // A client of that chain with a block waiter and an extrinsic in flight: the dropped connection fails both with
      // ChainUnavailable (the submit timeout is longer than the test's, so only the drop can fail it).
      const client = ManagedRuntime.make(
        SubtensorChain.layer({ url: url2, timeoutMs: 3_600_000 }).pipe(Layer.provide(signerLayer([key("//Alice")]))),
      )
      const waiter = client.runPromiseExit(Effect.gen(function*() {
        const chain = yield* Chain
        return yield* chain.waitForBlock((yield* chain.currentBlock) + 1000)
      }))
      let settled = false
      const extrinsic = client.runPromiseExit(Effect.gen(function*() {
        const sub = yield* SubtensorChain
        return yield* sub.submit(
          key("//Alice").address,
          sub.api.tx["system"]!["remark"]!("0x01").method as never,
          "remark",
        )
      })).finally(() => (settled = true))
      await client.runPromise(Effect.gen(function*() {
        const sub = yield* SubtensorChain
        // Until the remark is in the pool (each poll is one answer from the node), or its submission ended early.
        while (!settled && ((yield* Effect.promise(() => sub.api.rpc.author.pendingExtrinsics())).length) === 0) {
          yield* Effect.yieldNow
        }
      }))
      if (settled) {
        assert.fail(`the remark's submission ended before the node was killed: ${JSON.stringify(await extrinsic)}`)
      }
      const alive = () => {
        try {
          process.kill(-pid, 0)
          return true
        } catch {
          return false
        }
      }
      assert.isTrue(alive())
      proc.child.kill("SIGKILL")
      for (let i = 0; i < 300 && alive(); i++) await new Promise((r) => setTimeout(r, 100)) // a poll of the OS, bounded
      assert.isFalse(alive(), `process group ${pid} still runs after its localnet was killed`)
      for (const dropped of [await waiter, await extrinsic] as ReadonlyArray<Exit.Exit<unknown, unknown>>) {
        const cause = JSON.stringify(Exit.isFailure(dropped) ? dropped.cause : dropped)
        assert.isTrue(cause.includes("ChainUnavailable") && cause.includes("the connection dropped"), cause)
      }
      const after = await client.runPromiseExit(Effect.gen(function*() {
        return yield* (yield* Chain).currentBlock
      }))
      assert.isTrue(
        Exit.isFailure(after) && JSON.stringify(after.cause).includes("ChainUnavailable"),
        JSON.stringify(after),
      )
      await client.dispose()
    },
    300_000,
  )
})
