/**
 * What a miner does with a request, whatever the transport: route it by kind, refuse callers the policy does not
 * allow (judged on the metagraph), decode the task with the kind's schema, run the handler under the deadline with
 * the caller and the hotkey's data directory in its context, encode the answer.
 */
import { Cause, Duration, Effect, Exit, Schema, Stream } from "effect"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { MinerContext } from "../subnet/contexts.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
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
  /** The hotkey's data directory (`ctx.dataDir`; default: a fresh temporary one, made on first read). */
  readonly dataDir?: string
  /** The subnet's resolved settings (`ctx.config`; default: its defaults). */
  readonly config?: unknown
}): MinerEndpoint {
  const config = options.config ?? options.subnet.config?.defaults
  const { subnet, hotkey, policy } = options
  const codecs = new Map(Object.entries(subnet.kinds).map(([name, k]) => [name, {
    decode: Schema.decodeUnknownEffect(k.task),
    encode: Schema.encodeUnknownEffect(k.response),
  }]))
  let dataDir = options.dataDir
  const ensureDataDir = () => {
    if (dataDir === undefined) dataDir = mkdtempSync(join(tmpdir(), `subnetkit-${subnet.name}-miner-`))
    else mkdirSync(dataDir, { recursive: true })
    return dataDir
  }
  const stakeOf = (caller: string): bigint => {
    const graph = options.metagraph()
    const uid = graph?.hotkeys.indexOf(caller) ?? -1
    return graph !== undefined && uid >= 0 ? graph.stakeRao[uid]! : 0n
  }
  const admit = (caller: string): string | null => {
    const graph = options.metagraph()
    return graph === undefined ? "the miner has no metagraph yet" : refusalReason(graph, caller, policy)
  }

  /** Checks the request, then runs `produce` under the deadline and encodes its answer with the kind's schema. */
  const serve = (request: WireRequest, deadlineMs: number, produce: (task: Task, ctx: MinerContext) => Effect.Effect<Response, unknown>): Effect.Effect<WireReply> =>
    Effect.gen(function*() {
      if (request.subnet !== subnet.name || request.target !== hotkey) {
        return { status: "refused", code: "unknown-task", detail: `this is ${hotkey} serving subnet ${subnet.name}` } as const
      }
      const codec = codecs.get(request.kind)
      if (codec === undefined) {
        return { status: "refused", code: "unknown-task", detail: `subnet ${subnet.name} has no request kind "${request.kind}" (kinds: ${[...codecs.keys()].join(", ")})` } as const
      }
      const reason = admit(request.caller)
      if (reason !== null) return { status: "refused", code: "not-allowed", detail: reason } as const
      const task = yield* codec.decode(request.body).pipe(Effect.option)
      if (task._tag === "None") {
        return { status: "refused", code: "bad-request", detail: `the ${request.kind} request does not match subnet ${subnet.name}'s schema` } as const
      }
      // Created on first use: most handlers never look at the signal, and a controller per request is not free.
      let controller: AbortController | undefined
      let caller: MinerContext["caller"] | undefined
      const ctx: MinerContext = {
        config,
        hotkey,
        kind: request.kind,
        get caller() { return (caller ??= { hotkey: request.caller, stakeRao: stakeOf(request.caller) }) },
        get signal() { return (controller ??= new AbortController()).signal },
        get dataDir() { return ensureDataDir() },
      }
      // Aborted even if not read yet: a handler still running may read it later.
      const abort = () => (controller ??= new AbortController()).abort()
      const outcome = yield* produce(task.value as Task, ctx).pipe(
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
      const body = yield* Effect.exit(codec.encode(outcome.value.value))
      if (Exit.isFailure(body)) {
        // The schema's own words and path (`Expected number at ["sum"]`): the field that failed, for logs and reports.
        const why = String((Cause.squash(body.cause) as Error).message).replace(/\s*\n\s*/g, " ")
        return { status: "error", detail: `the handler's answer does not match subnet ${subnet.name}'s ${request.kind === "task" ? "" : `${request.kind} `}response schema: ${why}` } as const
      }
      return { status: "ok", body: body.value } as const
    })

  // Not streaming: the plain handler, which skips the per-element work a stream does (e.g. decoding each token).
  const handle = (request: WireRequest, deadlineMs: number) => serve(request, deadlineMs, subnet.miner)

  const minerStream = subnet.minerStream
  const encodeElement = codecs.get("task")?.encode
  const stream = minerStream === undefined || encodeElement === undefined ? undefined : (request: WireRequest, deadlineMs: number, onChunk: (body: unknown) => void) =>
    request.kind !== "task" ? handle(request, deadlineMs) : serve(request, deadlineMs, (task, ctx) =>
      lastElement(minerStream(task, ctx).pipe(
        Stream.tap((element) => Effect.map(Effect.option(encodeElement(element)), (encoded) => encoded._tag === "Some" && onChunk(encoded.value))),
      )))

  const limits = { maxRequestBytes: subnet.limits.maxRequestBytes, maxResponseBytes: subnet.limits.maxResponseBytes }
  const base = { hotkey, subnet: subnet.name, kinds: [...codecs.keys()], limits, admit, handle, priority: stakeOf }
  return stream === undefined ? base : { ...base, stream }
}

/** The last element of a stream: a streaming miner's answer. */
const lastElement = <A>(stream: Stream.Stream<A, unknown>): Effect.Effect<A, unknown> =>
  Effect.flatMap(Stream.runLast(stream), (last) => (last._tag === "Some" ? Effect.succeed(last.value) : Effect.fail(new Error("the stream ended without an answer"))))
