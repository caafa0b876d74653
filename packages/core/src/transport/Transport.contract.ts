/**
 * What every `Transport` must do, for the in-process one and the real-socket one alike: deliver to a served
 * endpoint and bring its reply back, report nothing listening as "error", time out, pass refusals through with
 * their code, and stop reaching an endpoint when its scope closes.
 */
import { assert, describe, it } from "@effect/vitest"
import type { Layer } from "effect"
import type { Scope } from "effect"
import { Effect } from "effect"
import type { MinerEndpoint, WireReply } from "./Transport.ts"
import { defaultLimits, Transport } from "./Transport.ts"

/** `hotkeys` are two hotkeys the layer can serve and send as: [miner, validator]. */
export const transportContract = (
  name: string,
  makeLayer: () => Layer.Layer<Transport>,
  hotkeys: () => readonly [string, string],
  /** Whether this transport delivers streamed elements (HTTP delivers the answer only). */
  streams: boolean,
) =>
  describe(`Transport contract: ${name}`, () => {
    const endpoint = (reply: (body: unknown) => Effect.Effect<WireReply>): MinerEndpoint => ({
      hotkey: hotkeys()[0],
      subnet: "contract",
      kinds: ["task"],
      limits: defaultLimits,
      admit: () => null,
      priority: () => 0n,
      handle: (request) => reply(request.body),
    })
    const request = (body: unknown, kind = "task") => ({
      subnet: "contract",
      kind,
      caller: hotkeys()[1],
      target: hotkeys()[0],
      body,
    })
    const run = <A, E>(test: Effect.Effect<A, E, Transport | Scope.Scope>) =>
      test.pipe(Effect.scoped, Effect.provide(makeLayer()))

    it.live("behavior: a served endpoint answers with its body", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* transport.serve(
          endpoint((body) => Effect.succeed({ status: "ok", body: { echo: body } })),
        )
        assert.deepStrictEqual(yield* transport.call(address, request({ n: 1 }), { timeoutMs: 2000 }), {
          status: "ok",
          body: { echo: { n: 1 } },
        })
      })))

    it.live("behavior: refusals keep their code, handler errors and deadlines keep their status", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const refusing = yield* transport.serve(
          endpoint(() => Effect.succeed({ status: "refused", code: "not-allowed", detail: "no permit" })),
        )
        assert.deepStrictEqual(yield* transport.call(refusing, request({}), { timeoutMs: 2000 }), {
          status: "refused",
          code: "not-allowed",
          detail: "no permit",
        })
      })))

    it.live("behavior: a handler slower than the timeout is a timeout", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const slow = yield* transport.serve(
          endpoint(() => Effect.as(Effect.sleep("2 seconds"), { status: "ok", body: 1 } as const)),
        )
        assert.strictEqual((yield* transport.call(slow, request({}), { timeoutMs: 100 })).status, "timeout")
      })))

    it.live("behavior: a streaming endpoint's elements arrive before its answer where the transport streams", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const streaming: MinerEndpoint = {
          ...endpoint(() => Effect.succeed({ status: "ok", body: { text: "abc" } })), // without streaming: the answer only
          stream: (_request, _deadline, onChunk) =>
            Effect.sync(() => {
              for (const text of ["a", "ab"]) onChunk({ text })
              return { status: "ok", body: { text: "abc" } } as const
            }),
        }
        const address = yield* transport.serve(streaming)
        const chunks: Array<unknown> = []
        const reply = yield* transport.call(address, request({}), {
          timeoutMs: 2000,
          onChunk: (chunk) => chunks.push(chunk),
        })
        assert.deepStrictEqual(reply, { status: "ok", body: { text: "abc" } })
        assert.deepStrictEqual(chunks, streams ? [{ text: "a" }, { text: "ab" }] : [])
      })))

    it.live("behavior: a request of a kind the endpoint does not serve is refused unknown-task; each served kind is reached", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* transport.serve({
          ...endpoint(() => Effect.die("unreachable")),
          kinds: ["store", "challenge"],
          handle: (request) => Effect.succeed({ status: "ok", body: { kind: request.kind } }),
        })
        assert.deepStrictEqual(yield* transport.call(address, request({}, "challenge"), { timeoutMs: 2000 }), {
          status: "ok",
          body: { kind: "challenge" },
        })
        const unknown = yield* transport.call(address, request({}, "retrieve"), { timeoutMs: 2000 })
        assert.strictEqual(unknown.status === "refused" && unknown.code, "unknown-task")
      })))

    it.live("behavior: admit refuses a caller not-allowed before the handler runs", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        let handled = 0
        const address = yield* transport.serve({
          ...endpoint(() => Effect.sync(() => (handled++, { status: "ok", body: 1 } as const))),
          admit: (caller) => `caller ${caller.slice(0, 6)} is not registered`,
        })
        const reply = yield* transport.call(address, request({}), { timeoutMs: 2000 })
        assert.strictEqual(reply.status === "refused" && reply.code, "not-allowed")
        assert.match(reply.status === "refused" ? reply.detail : "", /is not registered/)
        assert.strictEqual(handled, 0)
      })))

    it.live("behavior: limits: a request over maxRequestBytes is too-large; an answer over maxResponseBytes is not delivered", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* transport.serve({
          ...endpoint((body) =>
            Effect.succeed({ status: "ok", body: "x".repeat((body as { answer: number }).answer) })
          ),
          limits: { maxRequestBytes: 2048, maxResponseBytes: 4096 },
        })
        const big = yield* transport.call(address, request({ answer: 1, pad: "y".repeat(4000) }), { timeoutMs: 2000 })
        assert.strictEqual(big.status === "refused" && big.code, "too-large")
        assert.strictEqual(
          (yield* transport.call(address, request({ answer: 4000 }), { timeoutMs: 2000 })).status,
          "ok",
        )
        const overAnswer = yield* transport.call(address, request({ answer: 5000 }), { timeoutMs: 2000 })
        assert.strictEqual(overAnswer.status, "error")
        // The caller's own cap is below the miner's: the answer is read no further and is "invalid".
        assert.strictEqual(
          (yield* transport.call(address, request({ answer: 4000 }), { timeoutMs: 2000, maxResponseBytes: 1000 }))
            .status,
          "invalid",
        )
      })))

    it.live("behavior: a body with Uint8Array leaves arrives byte-exact, both ways", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* transport.serve({
          ...endpoint((body) => {
            const { image, chunks } = body as { image: Uint8Array; chunks: Array<Uint8Array> }
            return Effect.succeed({
              status: "ok",
              body: { reversed: image.slice().reverse(), chunks, sizes: chunks.map((c) => c.byteLength) },
            })
          }),
          limits: { maxRequestBytes: 1 << 20, maxResponseBytes: 1 << 20 },
        })
        const image = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256)
        const chunks = [
          new Uint8Array(0),
          Uint8Array.of(0, 255, 0x7b, 0x22),
          Uint8Array.from({ length: 1000 }, (_, i) => i % 256),
        ]
        const reply = yield* transport.call(address, request({ image, chunks, note: "bytes" }), { timeoutMs: 5000 })
        assert.strictEqual(reply.status, "ok")
        const body = (reply as { body: { reversed: Uint8Array; chunks: Array<Uint8Array>; sizes: Array<number> } }).body
        assert.instanceOf(body.reversed, Uint8Array)
        assert.deepStrictEqual(body.reversed, image.slice().reverse())
        assert.deepStrictEqual(body.chunks.map((c) => [...c]), chunks.map((c) => [...c]))
        assert.deepStrictEqual(body.sizes, [0, 4, 1000])
      })))

    it.live("behavior: nothing listening is an error, also after the endpoint's scope closed", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* Effect.scoped(
          transport.serve(endpoint((body) => Effect.succeed({ status: "ok", body }))),
        )
        assert.strictEqual((yield* transport.call(address, request({}), { timeoutMs: 1000 })).status, "error")
      })))
  })
