/**
 * The validator side of a round: encode the task once, send it to every sampled miner concurrently through the
 * `Transport`, and turn each reply into an `Answer` (a reply that does not decode with the response schema is
 * "invalid"; nothing served at the address is "error").
 */
import { Clock, Effect, Schema } from "effect"
import type { AxonInfo } from "../chain/types.ts"
import type { Answer, Subnet } from "../subnet/defineSubnet.ts"
import { Transport } from "../transport/Transport.ts"

export interface QueryTarget {
  readonly uid: number
  readonly hotkey: string
  readonly axon: AxonInfo
}

export const queryMiners = Effect.fn("Validator.queryMiners")(function*<Task, Response>(options: {
  readonly subnet: Subnet<Task, Response>
  readonly caller: string
  readonly task: Task
  readonly targets: ReadonlyArray<QueryTarget>
  readonly timeoutMs: number
  readonly concurrency?: number
}) {
  const transport = yield* Transport
  const { subnet } = options
  const body = yield* Schema.encodeUnknownEffect(subnet.task)(options.task).pipe(Effect.orDie) // our own task: a bug if it fails
  const decode = Schema.decodeUnknownEffect(subnet.response)
  return yield* Effect.forEach(options.targets, (target): Effect.Effect<Answer<Response>> =>
    Effect.gen(function*() {
      const clock = yield* Clock.Clock // chunk callbacks run outside Effect: they read the clock directly
      const start = clock.currentTimeMillisUnsafe()
      let firstChunkAt: number | undefined
      const onChunk = subnet.minerStream && (() => void (firstChunkAt ??= clock.currentTimeMillisUnsafe()))
      const reply = yield* transport.call(target.axon, { subnet: subnet.name, caller: options.caller, target: target.hotkey, body }, options.timeoutMs, onChunk)
      const latencyMs = reply.latencyMs ?? clock.currentTimeMillisUnsafe() - start
      const base = { uid: target.uid, hotkey: target.hotkey, latencyMs, ...(firstChunkAt === undefined ? {} : { firstChunkMs: firstChunkAt - start }) }
      if (reply.status !== "ok") return { ...base, status: reply.status, detail: reply.detail } satisfies Answer<Response>
      // A reply that came back authenticated but does not decode is as useless as a forged one: "invalid".
      const response = yield* decode(reply.body).pipe(Effect.mapError((e) => e.message.replace(/\s*\n\s*/g, " ")), Effect.result)
      return response._tag === "Success"
        ? ({ ...base, status: "ok", response: response.success } satisfies Answer<Response>)
        : ({ ...base, status: "invalid", detail: `the answer does not match the response schema: ${response.failure}` } satisfies Answer<Response>)
    }), { concurrency: options.concurrency ?? 64 })
})
