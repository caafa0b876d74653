import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { arithmetic } from "../examples/arithmetic.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { defineSubnet } from "../subnet/defineSubnet.ts"
import { defaultCallerPolicy, minerEndpoint } from "./minerEndpoint.ts"

// uid 0: validator with a permit and 10 TAO; uid 1: registered without a permit.
const graph = {
  hotkeys: ["val", "other"],
  validatorPermit: [true, false],
  stakeRao: [10_000_000_000n, 0n],
} as unknown as Metagraph

const endpoint = (subnet = arithmetic, policy = defaultCallerPolicy) =>
  minerEndpoint({ subnet, hotkey: "miner", policy, metagraph: () => graph })
const request = (caller: string, body: unknown = { a: 2, b: 3 }) => ({
  subnet: "arithmetic",
  kind: "task",
  caller,
  target: "miner",
  body,
})

describe("miner endpoint", () => {
  it("behavior: admit judges the caller on the metagraph alone (the Axon's cheap check)", () => {
    assert.strictEqual(endpoint().admit("val"), null)
    assert.strictEqual(endpoint().admit("stranger"), "caller stranger is not registered")
    assert.strictEqual(endpoint().admit("other"), "caller uid 1 has no validator permit")
  })

  it.effect("behavior: answers an allowed caller with the encoded response", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* endpoint().handle(request("val"), 1000), { status: "ok", body: { sum: 5 } })
    }))

  it.effect("error: fails closed on unknown callers, callers without a permit or below the minimum stake", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* endpoint().handle(request("stranger"), 1000), {
        status: "refused",
        code: "not-allowed",
        detail: "caller stranger is not registered",
      })
      assert.deepStrictEqual(yield* endpoint().handle(request("other"), 1000), {
        status: "refused",
        code: "not-allowed",
        detail: "caller uid 1 has no validator permit",
      })
      const strict = { ...defaultCallerPolicy, minStakeRao: 20_000_000_000n }
      assert.strictEqual((yield* endpoint(arithmetic, strict).handle(request("val"), 1000)).status, "refused")
      assert.strictEqual(
        (yield* endpoint().handle({ ...request("val"), target: "someone-else" }, 1000)).status,
        "refused",
      )
    }))

  it.live("error: a task that does not decode, a failing handler, a handler past its deadline", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* endpoint().handle(request("val", { a: "x" }), 1000)).status, "refused")
      const failing = defineSubnet({ ...arithmetic, miner: () => Effect.fail("model not loaded") })
      assert.deepStrictEqual(yield* endpoint(failing).handle(request("val"), 1000), {
        status: "error",
        detail: "handler failed: Error: model not loaded",
      })
      const slow = defineSubnet({ ...arithmetic, miner: () => Effect.as(Effect.sleep("50 millis"), { sum: 0 }) })
      assert.strictEqual((yield* endpoint(slow).handle(request("val"), 5)).status, "timeout")
      const lying = defineSubnet({
        ...arithmetic,
        response: Schema.Struct({ sum: Schema.Int }),
        miner: () => Effect.succeed({ sum: 1.5 }),
      })
      assert.strictEqual((yield* endpoint(lying).handle(request("val"), 1000)).status, "error")
    }))
})
