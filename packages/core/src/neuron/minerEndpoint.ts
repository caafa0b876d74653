/**
 * What a miner does with a request, whatever the transport: route it by kind, refuse callers the policy does not
 * allow (judged on the metagraph), decode the task with the kind's schema, run the handler under the deadline with
 * the caller and the hotkey's data directory in its context, encode the answer.
 */
import { Cause, Duration, Effect, Exit, Schema, Stream } from "effect"
import { mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { uidsByHotkey } from "../metagraph/Metagraph.ts"
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

export const defaultCallerPolicy: CallerPolicy = {
  requireRegistered: true,
  requireValidatorPermit: true,
  minStakeRao: 0n,
}

/** Why a caller is refused, or null when it is allowed. Fails closed: unknown callers are refused. */
export function refusalReason(metagraph: Metagraph, caller: string, policy: CallerPolicy): string | null {
  const uid = uidsByHotkey(metagraph).get(caller) ?? -1
  if (uid < 0) {
    return policy.requireRegistered || policy.requireValidatorPermit || policy.minStakeRao > 0n
      ? `caller ${caller} is not registered`
      : null
  }
  if (policy.requireValidatorPermit && !metagraph.validatorPermit[uid]) {
    return `caller uid ${uid} has no validator permit`
  }
  if (metagraph.stakeRao[uid]! < policy.minStakeRao) {
    return `caller uid ${uid} has ${metagraph.stakeRao[uid]} rao staked, below ${policy.minStakeRao}`
  }
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
  const codecs = new Map(
    Object.entries(subnet.kinds).map(([name, k]) => [name, {
      decode: Schema.decodeUnknownEffect(k.task),
      encode: Schema.encodeUnknownEffect(k.response),
    }]),
  )
  let dataDir = options.dataDir
  const ensureDataDir = () => {
    if (dataDir === undefined) dataDir = mkdtempSync(join(tmpdir(), `subnetkit-${subnet.name}-miner-`))
    else mkdirSync(dataDir, { recursive: true })
    return dataDir
  }
  const stakeOf = (caller: string): bigint => {
    const graph = options.metagraph()
    const uid = graph === undefined ? undefined : uidsByHotkey(graph).get(caller)
    return uid === undefined ? 0n : graph!.stakeRao[uid]!
  }
  const admit = (caller: string): string | null => {
    const graph = options.metagraph()
    return graph === undefined ? "the miner has no metagraph yet" : refusalReason(graph, caller, policy)
  }

  /** What is refused before the task is decoded (wrong miner or subnet, unknown kind, caller not allowed). */
  const refusalBefore = (request: WireRequest): WireReply | null => {
    if (request.subnet !== subnet.name || request.target !== hotkey) {
      return { status: "refused", code: "unknown-task", detail: `this is ${hotkey} serving subnet ${subnet.name}` }
    }
    if (!codecs.has(request.kind)) {
      return {
        status: "refused",
        code: "unknown-task",
        detail: `subnet ${subnet.name} has no request kind "${request.kind}" (kinds: ${[...codecs.keys()].join(", ")})`,
      }
    }
    const reason = admit(request.caller)
    return reason === null ? null : { status: "refused", code: "not-allowed", detail: reason }
  }

  /**
   * Checks the request, then runs `produce` under the deadline and encodes its answer with the kind's schema.
   * Combinators rather than a generator: a simulation serves hundreds of thousands of these.
   */
  const serve = (
    request: WireRequest,
    deadlineMs: number,
    produce: (task: Task, ctx: MinerContext) => Effect.Effect<Response, unknown>,
  ): Effect.Effect<WireReply> => Effect.suspend(() => {
    const refusal = refusalBefore(request)
    if (refusal !== null) return Effect.succeed(refusal)
    const codec = codecs.get(request.kind)!
    const badRequest: WireReply = {
      status: "refused",
      code: "bad-request",
      detail: `the ${request.kind} request does not match subnet ${subnet.name}'s schema`,
    }
    return Effect.matchEffect(codec.decode(request.body), {
      onFailure: () => Effect.succeed(badRequest),
      onSuccess: (task) => {
        // Created on first use: most handlers never look at the signal, and a controller per request is not free.
        let controller: AbortController | undefined
        let caller: MinerContext["caller"] | undefined
        const ctx: MinerContext = {
          config,
          hotkey,
          kind: request.kind,
          get caller() {
            return (caller ??= { hotkey: request.caller, stakeRao: stakeOf(request.caller) })
          },
          get signal() {
            return (controller ??= new AbortController()).signal
          },
          get dataDir() {
            return ensureDataDir()
          },
        }
        // Aborted even if not read yet: a handler still running may read it later.
        const abort = () => (controller ??= new AbortController()).abort()
        return Effect.flatMap(
          Effect.exit(Effect.timeoutOption(produce(task as Task, ctx), Duration.millis(Math.max(0, deadlineMs)))),
          (outcome): Effect.Effect<WireReply> => {
            if (Exit.isFailure(outcome)) {
              abort()
              return Effect.succeed({
                status: "error",
                detail: `handler failed: ${Cause.pretty(outcome.cause).split("\n")[0]}`,
              })
            }
            if (outcome.value._tag === "None") {
              abort()
              return Effect.succeed({ status: "timeout", detail: `handler missed the ${deadlineMs} ms deadline` })
            }
            return Effect.map(Effect.exit(codec.encode(outcome.value.value)), (body): WireReply => {
              if (Exit.isSuccess(body)) return { status: "ok", body: body.value }
              // The schema's own words and path (`Expected number at ["sum"]`): the field that failed, for logs and reports.
              const why = String((Cause.squash(body.cause) as Error).message).replace(/\s*\n\s*/g, " ")
              return {
                status: "error",
                detail: `the handler's answer does not match subnet ${subnet.name}'s ${
                  request.kind === "task" ? "" : `${request.kind} `
                }response schema: ${why}`,
              }
            })
          },
        )
      },
    })
  })

  // Not streaming: the plain handler, which skips the per-element work a stream does (e.g. decoding each token).
  const handle = (request: WireRequest, deadlineMs: number) => serve(request, deadlineMs, subnet.miner)

  const minerStream = subnet.minerStream
  const encodeElement = codecs.get("task")?.encode
  const stream = minerStream === undefined || encodeElement === undefined ?
    undefined :
    (request: WireRequest, deadlineMs: number, onChunk: (body: unknown) => void) =>
      request.kind !== "task" ?
        handle(request, deadlineMs) :
        serve(request, deadlineMs, (task, ctx) =>
          lastElement(
            minerStream(task, ctx).pipe(
              Stream.tap((element) =>
                Effect.map(
                  Effect.option(encodeElement(element)),
                  (encoded) => encoded._tag === "Some" && onChunk(encoded.value),
                )
              ),
            ),
          ))

  const limits = { maxRequestBytes: subnet.limits.maxRequestBytes, maxResponseBytes: subnet.limits.maxResponseBytes }
  const base = { hotkey, subnet: subnet.name, kinds: [...codecs.keys()], limits, admit, handle, priority: stakeOf }
  return stream === undefined ? base : { ...base, stream }
}

/** The last element of a stream: a streaming miner's answer. */
const lastElement = <A>(stream: Stream.Stream<A, unknown>): Effect.Effect<A, unknown> =>
  Effect.flatMap(
    Stream.runLast(stream),
    (
      last,
    ) => (last._tag === "Some"
      ? Effect.succeed(last.value)
      : Effect.fail(new Error("the stream ended without an answer"))),
  )
