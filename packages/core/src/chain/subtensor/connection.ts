/**
 * The `@polkadot/api` connection: opened by a layer's scope, closed with it. The provider reconnects by itself
 * (every 2 s); while it is down, reads fail with `ChainUnavailable` and calls in flight are failed at once (they may
 * or may not have happened), so the neuron runtime's retry-with-backoff takes over.
 */
import { ApiPromise, WsProvider } from "@polkadot/api"
import type { ProviderInterface } from "@polkadot/rpc-provider/types"
import { Effect } from "effect"
import { ChainUnavailable } from "../ChainError.ts"

export interface Connection {
  readonly api: ApiPromise
  readonly url: string
  /** A raw JSON-RPC request (chopsticks' `dev_*` methods). */
  readonly send: (method: string, params: ReadonlyArray<unknown>) => Promise<unknown>
  /** Called on each disconnect (the submitter fails its calls in flight). */
  readonly onDisconnect: (listener: (detail: string) => void) => void
}

export const connect = (url: string, timeoutMs = 30_000): Effect.Effect<Connection, ChainUnavailable> =>
  Effect.tryPromise({
    try: async () => {
      const provider = new WsProvider(url, 2_000, {}, timeoutMs)
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no connection within ${timeoutMs / 1000} s`)), timeoutMs)
      })
      try {
        const api = await Promise.race([
          ApiPromise.create({
            provider: provider as unknown as ProviderInterface,
            noInitWarn: true,
            throwOnConnect: false,
          }),
          timeout,
        ])
        const listeners: Array<(detail: string) => void> = []
        provider.on("disconnected", () => listeners.forEach((l) => l("the connection dropped")))
        return {
          api,
          url,
          send: (method: string, params: ReadonlyArray<unknown>) => provider.send(method, [...params]),
          onDisconnect: (l: (detail: string) => void) => void listeners.push(l),
        }
      } catch (e) {
        await provider.disconnect().catch(() => undefined)
        throw e
      } finally {
        clearTimeout(timer)
      }
    },
    catch: (e) => new ChainUnavailable({ url, detail: (e as Error).message }),
  })

/** A read through the connection; any failure is the chain being unavailable. */
export const read = <A>(
  connection: Connection,
  label: string,
  f: () => Promise<A>,
): Effect.Effect<A, ChainUnavailable> =>
  Effect.tryPromise({
    try: f,
    catch: (e) => new ChainUnavailable({ url: connection.url, detail: `${label}: ${(e as Error).message}` }),
  })
