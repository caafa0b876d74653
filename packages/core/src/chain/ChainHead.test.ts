import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Fiber } from "effect"
import * as ChainHead from "./ChainHead.ts"

describe("ChainHead", () => {
  it.effect("behavior: a wait completes once the head reaches its block, at once if it has", () =>
    Effect.gen(function*() {
      const head = yield* ChainHead.make(5)
      assert.strictEqual(yield* head.waitFor(3), 5)
      const waiting = yield* Effect.forkChild(head.waitFor(8))
      yield* head.advanceTo(7)
      yield* head.advanceTo(6) // an older head changes nothing
      assert.strictEqual(yield* head.current, 7)
      assert.isUndefined(waiting.pollUnsafe())
      yield* head.advanceTo(9)
      assert.strictEqual(yield* Fiber.join(waiting), 9)
    }))

  it.effect("behavior: a lost head fails the waits in progress; a wait begun later waits for the next head", () =>
    Effect.gen(function*() {
      const head = yield* ChainHead.make<string>(1)
      const before = yield* Effect.forkChild(head.waitFor(2))
      yield* Effect.yieldNow
      yield* head.lose("the connection dropped")
      assert.deepStrictEqual(yield* Fiber.await(before), Exit.fail("the connection dropped"))
      const after = yield* Effect.forkChild(head.waitFor(2))
      yield* Effect.yieldNow
      yield* head.advanceTo(2)
      assert.strictEqual(yield* Fiber.join(after), 2)
    }))
})
