/**
 * A transport inside one process, for tests and simulations, with the real one's semantics: an address per served
 * endpoint, nothing listening → "error", a per-request timeout, and optional per-miner latency (Effect `Clock` time,
 * so `TestClock` controls it).
 */
import { Duration, Effect, Layer } from "effect"
import type { Address, MinerEndpoint } from "./Transport.ts"
import { Transport } from "./Transport.ts"

export interface InProcessOptions {
  /** Extra delay before a miner's reply, by miner hotkey (ms). */
  readonly latencyMs?: (hotkey: string) => number
}

const key = (a: Address) => `${a.ip}:${a.port}`

export const layer = (options: InProcessOptions = {}): Layer.Layer<Transport> =>
  Layer.sync(Transport, () => {
    const endpoints = new Map<string, MinerEndpoint>()
    let nextPort = 20_000
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
        Effect.suspend(() => {
          const endpoint = endpoints.get(key(address))
          if (endpoint === undefined) return Effect.succeed({ status: "error", detail: `connection refused: nothing serves ${key(address)}` } as const)
          const latency = options.latencyMs?.(endpoint.hotkey) ?? 0
          const run = onChunk && endpoint.stream ? endpoint.stream(request, timeoutMs - latency, onChunk) : endpoint.handle(request, timeoutMs - latency)
          const reply = Effect.andThen(Effect.sleep(Duration.millis(latency)), run)
          return reply.pipe(
            Effect.timeoutOption(Duration.millis(timeoutMs)),
            Effect.map((r) => (r._tag === "Some" ? r.value : ({ status: "timeout", detail: `no reply within ${timeoutMs} ms` } as const))),
          )
        }),
    })
  })
