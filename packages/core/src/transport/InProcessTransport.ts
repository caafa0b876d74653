/**
 * A transport inside one process, for tests and simulations, with the real one's semantics: an address per served
 * endpoint, nothing listening → "error", the kinds and byte limits of the endpoint (sizes as `WireBody` encodes
 * them), the caller check of `admit`, a per-request timeout, and optional per-miner latency — either slept on
 * Effect's `Clock` (so `TestClock` controls it) or simulated: reported on the reply without waiting, so a simulation
 * of thousands of rounds takes no wall time and is the same on every machine.
 */
import { Duration, Effect, Layer } from "effect"
import type { Address, CallOptions, MinerEndpoint, WireReply, WireRequest } from "./Transport.ts"
import { defaultLimits, Transport } from "./Transport.ts"
import { bodySize } from "./WireBody.ts"

export interface InProcessOptions {
  /** Extra delay before a miner's reply, by miner hotkey (ms), slept on the `Clock`. */
  readonly latencyMs?: (hotkey: string) => number
  /**
   * Simulated time: how long this request takes (ms), or null when the miner cannot be reached. Nothing sleeps;
   * the reply carries the latency, and a latency past the timeout is a "timeout". The handler's own compute time
   * does not count (so results do not depend on the machine); it is only cut off after 60 s of real time.
   */
  readonly simulatedLatencyMs?: (request: WireRequest) => number | null
}

const key = (a: Address) => `${a.ip}:${a.port}`

/** In simulated time, the real-time limit of a handler: long enough for any model, short enough to end a hang. */
const SIMULATED_HANDLER_LIMIT_MS = 60_000

const refused = (address: Address): WireReply => ({
  status: "error",
  detail: `connection refused: nothing serves ${key(address)}`,
})
const timedOut = (timeoutMs: number): WireReply => ({ status: "timeout", detail: `no reply within ${timeoutMs} ms` })

/** What the Axon refuses before the handler runs (kind, caller, size), in the same order and with the same codes. */
function refusalBefore(endpoint: MinerEndpoint, request: WireRequest): WireReply | null {
  if (!endpoint.kinds.includes(request.kind)) {
    return {
      status: "refused",
      code: "unknown-task",
      detail: `no request kind "${request.kind}" on subnet ${endpoint.subnet}; kinds: ${endpoint.kinds.join(", ")}`,
    }
  }
  const reason = endpoint.admit(request.caller)
  if (reason !== null) return { status: "refused", code: "not-allowed", detail: reason }
  const size = bodySize(request.body)
  if (size > endpoint.limits.maxRequestBytes) {
    return {
      status: "refused",
      code: "too-large",
      detail: `body of ${size} bytes exceeds ${endpoint.limits.maxRequestBytes} bytes`,
    }
  }
  return null
}

/** An ok reply over either limit is what the network would make of it: the miner's "error", the caller's "invalid". */
function checkAnswer(endpoint: MinerEndpoint, reply: WireReply, options: CallOptions): WireReply {
  if (reply.status !== "ok") return reply
  const size = bodySize(reply.body)
  if (size > endpoint.limits.maxResponseBytes) {
    return {
      status: "error",
      detail: `answer of ${size} bytes exceeds the endpoint's ${endpoint.limits.maxResponseBytes} bytes`,
    }
  }
  const cap = options.maxResponseBytes ?? defaultLimits.maxResponseBytes
  if (size > cap) return { status: "invalid", detail: `answer of ${size} bytes exceeds ${cap} bytes` }
  return reply
}

export const layer = (options: InProcessOptions = {}): Layer.Layer<Transport> =>
  Layer.sync(Transport, () => {
    const endpoints = new Map<string, MinerEndpoint>()
    let nextPort = 20_000
    const { simulatedLatencyMs } = options
    return Transport.of({
      serve: (endpoint) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            const address = { ip: "127.0.0.1", port: nextPort++ }
            endpoints.set(key(address), endpoint)
            return address
          }),
          (address) => Effect.sync(() => endpoints.delete(key(address))),
        ),
      call: (address, request, callOptions) =>
        Effect.suspend((): Effect.Effect<WireReply> => {
          const { timeoutMs, onChunk } = callOptions
          const endpoint = endpoints.get(key(address))
          if (endpoint === undefined) return Effect.succeed(refused(address))
          // Refusals travel like answers: they take the network's latency, and an unreachable miner refuses nothing.
          const run = (deadlineMs: number): Effect.Effect<WireReply> => {
            const early = refusalBefore(endpoint, request)
            if (early !== null) return Effect.succeed(early)
            return Effect.map(
              onChunk && endpoint.stream
                ? endpoint.stream(request, deadlineMs, onChunk)
                : endpoint.handle(request, deadlineMs),
              (reply) => checkAnswer(endpoint, reply, callOptions),
            )
          }
          if (simulatedLatencyMs !== undefined) {
            const latencyMs = simulatedLatencyMs(request)
            if (latencyMs === null) return Effect.succeed(refused(address))
            if (latencyMs > timeoutMs) return Effect.succeed({ ...timedOut(timeoutMs), latencyMs: timeoutMs })
            // The handler's real compute time is not simulated time: only a hung handler is cut off (in real time).
            return Effect.map(run(SIMULATED_HANDLER_LIMIT_MS), (reply) => ({ ...reply, latencyMs }))
          }
          const latency = options.latencyMs?.(endpoint.hotkey) ?? 0
          return Effect.andThen(Effect.sleep(Duration.millis(latency)), Effect.suspend(() => run(timeoutMs - latency)))
            .pipe(
              Effect.timeoutOption(Duration.millis(timeoutMs)),
              Effect.map((r) => (r._tag === "Some" ? r.value : timedOut(timeoutMs))),
            )
        }),
    })
  })
