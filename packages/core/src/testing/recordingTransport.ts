/** The in-process transport, recording every request that reaches a miner: for tests that check what was sent. */
import { Effect, Layer } from "effect"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import type { WireRequest } from "../transport/Transport.ts"
import { Transport } from "../transport/Transport.ts"

export const recordingTransport = (seen: Array<WireRequest>): Layer.Layer<Transport> =>
  Layer.effect(
    Transport,
    Effect.gen(function*() {
      const inner = yield* Transport
      return Transport.of({
        call: inner.call,
        serve: (endpoint) =>
          inner.serve({
            ...endpoint,
            handle: (request, deadlineMs) =>
              Effect.suspend(() => (seen.push(request), endpoint.handle(request, deadlineMs))),
          }),
      })
    }),
  ).pipe(Layer.provide(InProcessTransport.layer()))
