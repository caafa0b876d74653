/**
 * What every `Transport` must do, for the in-process one and the real-socket one alike: deliver to a served
 * endpoint and bring its reply back, report nothing listening as "error", time out, pass refusals through with
 * their code, and stop reaching an endpoint when its scope closes.
 */
import { assert, describe, it } from "@effect/vitest"
import type { Layer } from "effect"
import { Effect } from "effect"
import type { Scope } from "effect"
import type { MinerEndpoint, WireReply } from "./Transport.ts"
import { Transport } from "./Transport.ts"

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
      hotkey: hotkeys()[0], subnet: "contract", priority: () => 0n, handle: (request) => reply(request.body),
    })
    const request = (body: unknown) => ({ subnet: "contract", caller: hotkeys()[1], target: hotkeys()[0], body })
    const run = <A, E>(test: Effect.Effect<A, E, Transport | Scope.Scope>) => test.pipe(Effect.scoped, Effect.provide(makeLayer()))

    it.live("behavior: a served endpoint answers with its body", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* transport.serve(endpoint((body) => Effect.succeed({ status: "ok", body: { echo: body } })))
        assert.deepStrictEqual(yield* transport.call(address, request({ n: 1 }), 2000), { status: "ok", body: { echo: { n: 1 } } })
      })))

    it.live("behavior: refusals keep their code, handler errors and deadlines keep their status", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const refusing = yield* transport.serve(endpoint(() => Effect.succeed({ status: "refused", code: "not-allowed", detail: "no permit" })))
        assert.deepStrictEqual(yield* transport.call(refusing, request({}), 2000), { status: "refused", code: "not-allowed", detail: "no permit" })
      })))

    it.live("behavior: a handler slower than the timeout is a timeout", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const slow = yield* transport.serve(endpoint(() => Effect.as(Effect.sleep("2 seconds"), { status: "ok", body: 1 } as const)))
        assert.strictEqual((yield* transport.call(slow, request({}), 100)).status, "timeout")
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
        const reply = yield* transport.call(address, request({}), 2000, (chunk) => chunks.push(chunk))
        assert.deepStrictEqual(reply, { status: "ok", body: { text: "abc" } })
        assert.deepStrictEqual(chunks, streams ? [{ text: "a" }, { text: "ab" }] : [])
      })))

    it.live("behavior: nothing listening is an error, also after the endpoint's scope closed", () =>
      run(Effect.gen(function*() {
        const transport = yield* Transport
        const address = yield* Effect.scoped(transport.serve(endpoint((body) => Effect.succeed({ status: "ok", body }))))
        assert.strictEqual((yield* transport.call(address, request({}), 1000)).status, "error")
      })))
  })
