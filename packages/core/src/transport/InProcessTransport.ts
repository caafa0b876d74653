/**
 * A transport inside one process, for tests and simulations, with the real one's semantics: an address per served
 * endpoint, nothing listening → "error", a per-request timeout, and optional per-miner latency — either slept on
 * Effect's `Clock` (so `TestClock` controls it) or simulated: reported on the reply without waiting, so a simulation
 * of thousands of rounds takes no wall time and is the same on every machine.
 */
import { Duration, Effect, Layer } from "effect"
import type { Address, MinerEndpoint, WireReply, WireRequest } from "./Transport.ts"
import { Transport } from "./Transport.ts"

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

const refused = (address: Address): WireReply => ({ status: "error", detail: `connection refused: nothing serves ${key(address)}` })
const timedOut = (timeoutMs: number): WireReply => ({ status: "timeout", detail: `no reply within ${timeoutMs} ms` })

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
      call: (address, request, timeoutMs, onChunk) =>
        Effect.suspend((): Effect.Effect<WireReply> => {
          const endpoint = endpoints.get(key(address))
          if (endpoint === undefined) return Effect.succeed(refused(address))
          const run = (deadlineMs: number) =>
            onChunk && endpoint.stream ? endpoint.stream(request, deadlineMs, onChunk) : endpoint.handle(request, deadlineMs)
          if (simulatedLatencyMs !== undefined) {
            const latencyMs = simulatedLatencyMs(request)
            if (latencyMs === null) return Effect.succeed(refused(address))
            if (latencyMs > timeoutMs) return Effect.succeed({ ...timedOut(timeoutMs), latencyMs: timeoutMs })
            // The handler's real compute time is not simulated time: only a hung handler is cut off (in real time).
            return Effect.map(run(SIMULATED_HANDLER_LIMIT_MS), (reply) => ({ ...reply, latencyMs }))
          }
          const latency = options.latencyMs?.(endpoint.hotkey) ?? 0
          return Effect.andThen(Effect.sleep(Duration.millis(latency)), run(timeoutMs - latency)).pipe(
            Effect.timeoutOption(Duration.millis(timeoutMs)),
            Effect.map((r) => (r._tag === "Some" ? r.value : timedOut(timeoutMs))),
          )
        }),
    })
  })
