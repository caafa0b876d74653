/**
 * The validator side of a round: encode each task with its kind's schema (once per distinct task), send every
 * request concurrently through the `Transport`, and turn each reply into an `Answer` (a reply that does not decode
 * with the kind's response schema is "invalid"; nothing served at the address is "error").
 */
import { Clock, Effect, Schema } from "effect"
import type { AxonInfo } from "../chain/types.ts"
import type { Answer } from "../subnet/contexts.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { Transport } from "../transport/Transport.ts"

export interface QueryTarget {
  readonly uid: number
  readonly hotkey: string
  readonly axon: AxonInfo
}

/** One request: a task for one miner. */
export interface QueryRequest<Task> {
  readonly target: QueryTarget
  readonly task: Task
}

export const queryMiners = Effect.fn("Validator.queryMiners")(function*<Task, Response>(options: {
  readonly subnet: Subnet<Task, Response>
  /** The request kind (default "task"). */
  readonly kind?: string
  readonly caller: string
  readonly requests: ReadonlyArray<QueryRequest<Task>>
  readonly timeoutMs: number
  readonly concurrency?: number
}) {
  const transport = yield* Transport
  const { subnet } = options
  const kindName = options.kind ?? "task"
  const kind = subnet.kinds[kindName]
  if (kind === undefined) return yield* Effect.die(new Error(`subnet ${subnet.name} has no request kind "${kindName}"`))
  // The default round sends one task to every miner: encode it once.
  const encoded = new Map<unknown, unknown>()
  const encode = Schema.encodeUnknownEffect(kind.task)
  const decode = Schema.decodeUnknownEffect(kind.response)
  const bodyOf = (task: Task) =>
    encoded.has(task)
      ? Effect.succeed(encoded.get(task))
      : Effect.tap(encode(task).pipe(Effect.orDie), (body) => Effect.sync(() => void encoded.set(task, body))) // our own task: a bug if it fails
  const streaming = kindName === "task" && subnet.minerStream !== undefined
  return yield* Effect.forEach(options.requests, ({ target, task }): Effect.Effect<Answer<Response>> =>
    Effect.gen(function*() {
      const body = yield* bodyOf(task)
      const clock = yield* Clock.Clock // chunk callbacks run outside Effect: they read the clock directly
      const start = clock.currentTimeMillisUnsafe()
      let firstChunkAt: number | undefined
      const onChunk = streaming ? () => void (firstChunkAt ??= clock.currentTimeMillisUnsafe()) : undefined
      const reply = yield* transport.call(target.axon, { subnet: subnet.name, kind: kindName, caller: options.caller, target: target.hotkey, body }, {
        timeoutMs: options.timeoutMs,
        maxResponseBytes: subnet.limits.maxResponseBytes,
        ...(onChunk ? { onChunk } : {}),
      })
      const latencyMs = reply.latencyMs ?? clock.currentTimeMillisUnsafe() - start
      const base = { uid: target.uid, hotkey: target.hotkey, latencyMs, ...(firstChunkAt === undefined ? {} : { firstChunkMs: firstChunkAt - start }) }
      if (reply.status !== "ok") return { ...base, status: reply.status, detail: reply.detail } satisfies Answer<Response>
      // A reply that came back authenticated but does not decode is as useless as a forged one: "invalid".
      const response = yield* decode(reply.body).pipe(Effect.mapError((e) => e.message.replace(/\s*\n\s*/g, " ")), Effect.result)
      return response._tag === "Success"
        ? ({ ...base, status: "ok", response: response.success } satisfies Answer<Response>)
        : ({ ...base, status: "invalid", detail: `the answer does not match the ${kindName === "task" ? "" : `${kindName} `}response schema: ${response.failure}` } satisfies Answer<Response>)
    }), { concurrency: options.concurrency ?? 64 })
})
