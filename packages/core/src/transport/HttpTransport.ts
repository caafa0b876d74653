/**
 * The `Transport` over real sockets: `serve` starts an `Axon` on 127.0.0.1 (or the configured host) for the
 * endpoint's hotkey, `call` goes through a signing `Dendrite`. The keys of every hotkey the process serves or sends
 * as are given to the layer.
 */
import { Effect, Layer } from "effect"
import type { Keypair } from "../keys/Keys.ts"
import { keysReady } from "../keys/Keys.ts"
import type { AxonOptions } from "./http/Axon.ts"
import { startAxon } from "./http/Axon.ts"
import { Dendrite } from "./http/Dendrite.ts"
import { Transport, TransportError } from "./Transport.ts"

export interface HttpTransportOptions {
  readonly keys: ReadonlyArray<Keypair>
  readonly host?: string
  /** Axon settings (ports are picked freely unless `port` is given for a single served endpoint). */
  readonly axon?: Partial<Omit<AxonOptions, "endpoint" | "pair" | "run" | "host" | "insecureUnsigned">>
  readonly signing?: boolean
  /** How the dendrite reaches miners: "http" (default) or "ws". Axons always serve both. */
  readonly protocol?: "http" | "ws"
}

export const layer = (options: HttpTransportOptions): Layer.Layer<Transport> =>
  Layer.effect(
    Transport,
    Effect.gen(function*() {
      yield* keysReady
      const context = yield* Effect.context<never>()
      const dendrite = yield* Effect.acquireRelease(
        Effect.sync(() => new Dendrite({
          keys: options.keys,
          ...(options.signing === undefined ? {} : { signing: options.signing }),
          ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
        })),
        (d) => Effect.sync(() => d.close()),
      )
      const keys = new Map(options.keys.map((k) => [k.address, k]))
      return Transport.of({
        serve: (endpoint) =>
          Effect.gen(function*() {
            const pair = keys.get(endpoint.hotkey)
            if (pair === undefined) {
              return yield* new TransportError({ detail: `no key for hotkey ${endpoint.hotkey} in this process` })
            }
            const axon = yield* Effect.acquireRelease(
              Effect.tryPromise({
                try: () =>
                  startAxon({
                    ...options.axon,
                    endpoint,
                    pair,
                    host: options.host ?? "127.0.0.1",
                    run: Effect.runPromiseWith(context),
                  }),
                catch: (e) => new TransportError({ detail: `cannot start the axon: ${(e as Error).message}` }),
              }),
              (a) => Effect.promise(() => a.close()),
            )
            return { ip: axon.host, port: axon.port }
          }),
        call: (address, request, callOptions) => Effect.promise(() => dendrite.call(address, request, callOptions)),
      })
    }),
  )
