/**
 * A validator on SubtensorChain whose node drops the connection while the weights' nonce is fetched
 * (`system_accountNextIndex`): it must wait for the node (ChainUnavailable, retried with backoff) and then set its
 * weights, not exit. The real `@polkadot/api` against a fake node on 127.0.0.1 that answers from the recorded spec 185
 * runtime (`chain/subtensor/fakeNode.ts`).
 */
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Schema } from "effect"
import { signerLayer } from "../chain/Signer.ts"
import type { FakeNode } from "../chain/subtensor/fakeNode.ts"
import { startFakeNode } from "../chain/subtensor/fakeNode.ts"
import { SubtensorChain } from "../chain/SubtensorChain.ts"
import { keypairFromUri, keysReady } from "../keys/Keys.ts"
import { defineSubnet, kind } from "../subnet/defineSubnet.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import { StateStore } from "./StateStore.ts"
import type { StepReport } from "./Validator.ts"
import { makeValidator } from "./Validator.ts"

/** A subnet whose round rewards the recorded subnet's miner (uid 2) without asking it anything. */
const rewardsUid2 = defineSubnet({
  name: "node-drop",
  version: "1.0.0",
  kinds: {
    task: kind({ task: Schema.Struct({}), response: Schema.Struct({}), miner: () => Effect.succeed({}) }),
  },
  validator: { round: () => Effect.succeed([{ uid: 2, reward: 1 }]) },
})

describe("validator: the node drops during the nonce fetch", () => {
  it.live(
    "behavior: the validator waits for the node and then sets its weights, instead of exiting",
    () =>
      Effect.gen(function*() {
        yield* keysReady
        const node: FakeNode = yield* Effect.acquireRelease(
          Effect.promise(() => startFakeNode("spec185")),
          (n) => Effect.promise(() => n.close()),
        )
        const hotkey = keypairFromUri("//Bob//hot") // uid 1 of the recorded subnet, a validator with a permit
        const waits: Array<string> = []
        const stepped = yield* Deferred.make<StepReport>()
        const run = Effect.gen(function*() {
          const validator = yield* makeValidator(rewardsUid2, { netuid: node.netuid, hotkey: hotkey.address })
          node.dropOn("system_accountNextIndex")
          yield* validator.run({
            onChainUnavailable: (e) => Effect.sync(() => void waits.push(e.message)),
            onStep: (report) => Deferred.succeed(stepped, report),
          })
        }).pipe(
          Effect.provide(Layer.mergeAll(
            SubtensorChain.layer({ url: node.url, timeoutMs: 30_000 }).pipe(Layer.provide(signerLayer([hotkey]))),
            InProcessTransport.layer(),
            StateStore.layerMemory(),
          )),
        )
        const validator = yield* Effect.forkChild(run)
        const report = yield* Deferred.await(stepped).pipe(
          Effect.raceFirst(
            Effect.flatMap(Fiber.await(validator), (exit) => Effect.die(`the validator exited: ${exit}`)),
          ),
        )
        yield* Fiber.interrupt(validator)

        // It waited for the chain (the dropped nonce fetch), then its step set weights, included by the node.
        assert.isAtLeast(waits.length, 1)
        assert.match(waits[0]!, /unavailable: setWeights: reading the next nonce/)
        assert.deepStrictEqual(report.weights, ["set"])
        assert.strictEqual(node.asked.filter((m) => m === "system_accountNextIndex").length, 2)
        assert.strictEqual(node.included.length, 1)
        const sent = node.registry.createType("Extrinsic", node.included[0]!)
        assert.strictEqual(`${sent.method.section}.${sent.method.method}`, "subtensorModule.setWeights")
        assert.strictEqual(sent.signer.toString(), hotkey.address)
      }).pipe(Effect.scoped),
    60_000,
  )
})
