import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { TestClock } from "effect/testing"
import * as InProcessTransport from "./InProcessTransport.ts"
import { defaultLimits, Transport } from "./Transport.ts"

const echo = (hotkey: string) => ({
  hotkey,
  subnet: "s",
  kinds: ["task"],
  limits: defaultLimits,
  admit: () => null,
  priority: () => 0n,
  handle: (request: { body: unknown }) => Effect.succeed({ status: "ok" as const, body: request.body }),
})
const request = (target: string) => ({ subnet: "s", kind: "task", caller: "v", target, body: 42 })

describe("in-process transport", () => {
  it.effect("behavior: delivers to the served address; nothing served there is an error", () =>
    Effect.gen(function*() {
      const transport = yield* Transport
      const address = yield* transport.serve(echo("m"))
      assert.deepStrictEqual(yield* transport.call(address, request("m"), { timeoutMs: 1000 }), {
        status: "ok",
        body: 42,
      })
      const nobody = yield* transport.call({ ip: "127.0.0.1", port: 1 }, request("m"), { timeoutMs: 1000 })
      assert.strictEqual(nobody.status, "error")
    }).pipe(Effect.provide(InProcessTransport.layer()), Effect.scoped))

  it.effect("behavior: per-miner latency, and a timeout when it exceeds the request's", () =>
    Effect.gen(function*() {
      const transport = yield* Transport
      const fast = yield* transport.serve(echo("fast"))
      const slow = yield* transport.serve(echo("slow"))
      const a = yield* Effect.forkChild(transport.call(fast, request("fast"), { timeoutMs: 1000 }))
      const b = yield* Effect.forkChild(transport.call(slow, request("slow"), { timeoutMs: 1000 }))
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual((yield* Fiber.join(a)).status, "ok")
      assert.deepStrictEqual(yield* Fiber.join(b), { status: "timeout", detail: "no reply within 1000 ms" })
    }).pipe(
      Effect.provide(InProcessTransport.layer({ latencyMs: (hotkey) => (hotkey === "slow" ? 5000 : 100) })),
      Effect.scoped,
    ))

  it.effect("behavior: simulated latency is reported on the reply without sleeping; past the timeout it is a timeout; null is unreachable", () =>
    Effect.gen(function*() {
      const transport = yield* Transport
      const served = yield* Effect.forEach(["fast", "late", "down"], (hotkey) => transport.serve(echo(hotkey)))
      // No TestClock.adjust: a reply that slept would never complete here.
      const [fast, late, down] = yield* Effect.forEach(
        served,
        (address, i) => transport.call(address, request(["fast", "late", "down"][i]!), { timeoutMs: 1000 }),
      )
      assert.deepStrictEqual(fast, { status: "ok", body: 42, latencyMs: 250 })
      assert.deepStrictEqual(late, { status: "timeout", detail: "no reply within 1000 ms", latencyMs: 1000 })
      assert.strictEqual(down!.status, "error")
    }).pipe(
      Effect.provide(
        InProcessTransport.layer({
          simulatedLatencyMs: (r) => (r.target === "fast" ? 250 : r.target === "late" ? 1001 : null),
        }),
      ),
      Effect.scoped,
    ))

  it.effect("behavior: an endpoint stops being reachable when its scope closes", () =>
    Effect.gen(function*() {
      const transport = yield* Transport
      const address = yield* Effect.scoped(transport.serve(echo("m")))
      assert.strictEqual((yield* transport.call(address, request("m"), { timeoutMs: 1000 })).status, "error")
    }).pipe(Effect.provide(InProcessTransport.layer())))
})
