/**
 * What a miner does with a request, whatever the transport: refuse callers the policy does not allow (judged on the
 * metagraph), decode the task with the subnet's schema, run the handler under the deadline, encode the answer.
 */
import { Cause, Duration, Effect, Exit, Schema, Stream } from "effect"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import type { MinerContext, Subnet } from "../subnet/defineSubnet.ts"
import type { MinerEndpoint, WireReply, WireRequest } from "../transport/Transport.ts"

/** Who may query a miner. The default is the SDK template's recommended setting: registered validators only. */
export interface CallerPolicy {
  readonly requireRegistered: boolean
  readonly requireValidatorPermit: boolean
  /** Minimum stake of the caller, in rao. */
  readonly minStakeRao: bigint
}

export const defaultCallerPolicy: CallerPolicy = { requireRegistered: true, requireValidatorPermit: true, minStakeRao: 0n }

/** Why a caller is refused, or null when it is allowed. Fails closed: unknown callers are refused. */
export function refusalReason(metagraph: Metagraph, caller: string, policy: CallerPolicy): string | null {
  const uid = metagraph.hotkeys.indexOf(caller)
  if (uid < 0) return policy.requireRegistered || policy.requireValidatorPermit || policy.minStakeRao > 0n ? `caller ${caller} is not registered` : null
  if (policy.requireValidatorPermit && !metagraph.validatorPermit[uid]) return `caller uid ${uid} has no validator permit`
  if (metagraph.stakeRao[uid]! < policy.minStakeRao) return `caller uid ${uid} has ${metagraph.stakeRao[uid]} rao staked, below ${policy.minStakeRao}`
  return null
}

export function minerEndpoint<Task, Response>(options: {
  readonly subnet: Subnet<Task, Response>
  readonly hotkey: string
  readonly policy: CallerPolicy
  /** The miner's latest metagraph (refreshed by the miner loop). */
  readonly metagraph: () => Metagraph | undefined
}): MinerEndpoint {
  const { subnet, hotkey, policy } = options
  const decodeTask = Schema.decodeUnknownEffect(subnet.task)
  const encodeResponse = Schema.encodeUnknownEffect(subnet.response)
  /** Checks the request, then runs `produce` under the deadline and encodes its answer. */
  const serve = (request: WireRequest, deadlineMs: number, produce: (task: Task, ctx: MinerContext) => Effect.Effect<Response, unknown>): Effect.Effect<WireReply> =>
    Effect.gen(function*() {
      if (request.subnet !== subnet.name || request.target !== hotkey) {
        return { status: "refused", code: "unknown-task", detail: `this is ${hotkey} serving subnet ${subnet.name}` } as const
      }
      const graph = options.metagraph()
      const reason = graph === undefined ? "the miner has no metagraph yet" : refusalReason(graph, request.caller, policy)
      if (reason !== null) return { status: "refused", code: "not-allowed", detail: reason } as const
      const task = yield* decodeTask(request.body).pipe(Effect.option)
      if (task._tag === "None") return { status: "refused", code: "bad-request", detail: `the task does not match subnet ${subnet.name}'s schema` } as const
      // Created on first use: most handlers never look at the signal, and a controller per request is not free.
      let controller: AbortController | undefined
      const ctx: MinerContext = { hotkey, get signal() { return (controller ??= new AbortController()).signal } }
      // Aborted even if not read yet: a handler still running may read it later.
      const abort = () => (controller ??= new AbortController()).abort()
      const outcome = yield* produce(task.value, ctx).pipe(
        Effect.timeoutOption(Duration.millis(Math.max(0, deadlineMs))),
        Effect.exit,
      )
      if (Exit.isFailure(outcome)) {
        abort()
        return { status: "error", detail: `handler failed: ${Cause.pretty(outcome.cause).split("\n")[0]}` } as const
      }
      if (outcome.value._tag === "None") {
        abort()
        return { status: "timeout", detail: `handler missed the ${deadlineMs} ms deadline` } as const
      }
      const body = yield* Effect.exit(encodeResponse(outcome.value.value))
      if (Exit.isFailure(body)) {
        // The schema's own words and path (`Expected number at ["sum"]`): the field that failed, for logs and reports.
        const why = String((Cause.squash(body.cause) as Error).message).replace(/\s*\n\s*/g, " ")
        return { status: "error", detail: `the handler's answer does not match subnet ${subnet.name}'s response schema: ${why}` } as const
      }
      return { status: "ok", body: body.value } as const
    })

  // Not streaming: the plain handler, which skips the per-element work a stream does (e.g. decoding each token).
  const handle = (request: WireRequest, deadlineMs: number) => serve(request, deadlineMs, subnet.miner)

  const minerStream = subnet.minerStream
  const stream = minerStream === undefined ? undefined : (request: WireRequest, deadlineMs: number, onChunk: (body: unknown) => void) =>
    serve(request, deadlineMs, (task, ctx) =>
      lastElement(minerStream(task, ctx).pipe(
        Stream.tap((element) => Effect.map(Effect.option(encodeResponse(element)), (encoded) => encoded._tag === "Some" && onChunk(encoded.value))),
      )))

  const priority = (caller: string): bigint => {
    const graph = options.metagraph()
    const uid = graph?.hotkeys.indexOf(caller) ?? -1
    return graph !== undefined && uid >= 0 ? graph.stakeRao[uid]! : 0n
  }
  return stream === undefined ? { hotkey, subnet: subnet.name, handle, priority } : { hotkey, subnet: subnet.name, handle, stream, priority }
}

/** The last element of a stream: a streaming miner's answer. */
const lastElement = <A>(stream: Stream.Stream<A, unknown>): Effect.Effect<A, unknown> =>
  Effect.flatMap(Stream.runLast(stream), (last) => (last._tag === "Some" ? Effect.succeed(last.value) : Effect.fail(new Error("the stream ended without an answer"))))
