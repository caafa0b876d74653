/** Reading a localnet from a test: one call through a RemoteChain, or polling until the subnet reaches a state. */
import type { SubnetSnapshot } from "@subnetkit/core"
import { Chain, devSignerLayer, RemoteChain } from "@subnetkit/core"
import { Effect, Layer } from "effect"

export const read = <A>(url: string, f: (chain: Chain["Service"]) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(
    Effect.gen(function*() {
      return yield* f(yield* Chain)
    }).pipe(Effect.provide(RemoteChain.layer({ url }).pipe(Layer.provide(devSignerLayer)))),
  ) // dev keys: //Alice owns the localnet's subnet

/**
 * Polls the subnet (every 250 ms, through a RemoteChain) until `done` holds for its state; fails after `ceilingMs`
 * with `what` and the last state's incentives. The ceiling only bounds how long a broken run takes to fail.
 */
export async function until(
  url: string,
  netuid: number,
  what: string,
  done: (s: SubnetSnapshot) => boolean,
  ceilingMs = 150_000,
): Promise<SubnetSnapshot> {
  const deadline = Date.now() + ceilingMs
  let last: SubnetSnapshot | undefined
  for (;;) {
    last = await read(url, (c) => c.subnetState(netuid)).catch(() => last) // the chain may be restarting
    if (last !== undefined && done(last)) return last
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not reached within ${ceilingMs} ms; last block ${last?.block}, incentives ${
          last?.neurons.map((n) => n.incentive)
        }`,
      )
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
