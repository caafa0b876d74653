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

export interface QueryOptions<Task, Response> {
  readonly subnet: Subnet<Task, Response>
  /** The request kind (default "task"). */
  readonly kind?: string
  readonly caller: string
  readonly requests: ReadonlyArray<QueryRequest<Task>>
  readonly timeoutMs: number
  readonly concurrency?: number
}

/** `queryMiners` with the transport given (the validator holds one, and a step asks it many times). */
export const queryMinersWith = Effect.fn("Validator.queryMiners")(
  function*<Task, Response>(transport: Transport["Service"], options: QueryOptions<Task, Response>) {
    const { subnet } = options
    const kindName = options.kind ?? "task"
    const kind = subnet.kinds[kindName]
    if (kind === undefined) {
      return yield* Effect.die(new Error(`subnet ${subnet.name} has no request kind "${kindName}"`))
    }
    // Each distinct task is encoded once (the default round sends one task to every miner); our own task failing its
    // schema is a bug, so a defect.
    const encode = Schema.encodeUnknownSync(kind.task)
    const encoded = yield* Effect.sync(() => {
      const bodies = new Map<unknown, unknown>()
      for (const { task } of options.requests) if (!bodies.has(task)) bodies.set(task, encode(task))
      return bodies
    })
    const decode = Schema.decodeUnknownEffect(kind.response)
    const streaming = kindName === "task" && subnet.minerStream !== undefined
    const clock = yield* Clock.Clock // chunk callbacks run outside Effect: they read the clock directly
    const callOptions = { timeoutMs: options.timeoutMs, maxResponseBytes: subnet.limits.maxResponseBytes }
    const mismatch = `the answer does not match the ${kindName === "task" ? "" : `${kindName} `}response schema: `
    // Plain combinators rather than a generator per request: a simulated round asks thousands of these.
    return yield* Effect.forEach(options.requests, ({ target, task }): Effect.Effect<Answer<Response>> => {
      const start = clock.currentTimeMillisUnsafe()
      let firstChunkAt: number | undefined
      const onChunk = streaming ? () => void (firstChunkAt ??= clock.currentTimeMillisUnsafe()) : undefined
      const request = {
        subnet: subnet.name,
        kind: kindName,
        caller: options.caller,
        target: target.hotkey,
        body: encoded.get(task),
      }
      return Effect.flatMap(
        transport.call(target.axon, request, onChunk ? { ...callOptions, onChunk } : callOptions),
        (reply) => {
          const latencyMs = reply.latencyMs ?? clock.currentTimeMillisUnsafe() - start
          const base = {
            uid: target.uid,
            hotkey: target.hotkey,
            latencyMs,
            ...(firstChunkAt === undefined ? {} : { firstChunkMs: firstChunkAt - start }),
          }
          if (reply.status !== "ok") {
            return Effect.succeed({ ...base, status: reply.status, detail: reply.detail } satisfies Answer<Response>)
          }
          // A reply that came back authenticated but does not decode is as useless as a forged one: "invalid".
          return Effect.match(decode(reply.body), {
            onSuccess: (response): Answer<Response> => ({ ...base, status: "ok", response }),
            onFailure: (e): Answer<Response> => ({
              ...base,
              status: "invalid",
              detail: mismatch + e.message.replace(/\s*\n\s*/g, " "),
            }),
          })
        },
      )
    }, { concurrency: options.concurrency ?? 64 })
  },
)

export const queryMiners = <Task, Response>(options: QueryOptions<Task, Response>) =>
  Effect.flatMap(Transport, (transport) => queryMinersWith(transport, options))
