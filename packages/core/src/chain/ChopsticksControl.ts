/**
 * `ChainControl` for a chopsticks chain (`subnet localnet --chopsticks`), through its dev RPCs: blocks on demand with
 * `dev_newBlock`, balances and subnet emission written with `dev_setStorage`. Only a dev chain answers these.
 */
import type { Call } from "@polkadot/types/interfaces"
import { Effect, Layer } from "effect"
import { ChainControl } from "./ChainControl.ts"
import { ChainError } from "./ChainError.ts"
import { SubtensorChain } from "./SubtensorChain.ts"

/** Writes subnet emission per block (`EmissionValues[netuid]`, rao): on a real network root weights decide it. */
export const setSubnetEmission = Effect.fn("ChopsticksControl.setSubnetEmission")(
  function*(netuid: number, rao: bigint) {
    const chain = yield* SubtensorChain
    yield* chain.rpc("dev_setStorage", [{ SubtensorModule: { EmissionValues: [[[netuid], rao.toString()]] } }])
  },
)

/**
 * One sudo batch, signed by the sudo key, that lifts the global rate limits a dev chain does not want: network
 * registration, transaction rate (which also spaces a coldkey's registrations) and the weights minimum stake.
 */
export const relaxRateLimits = Effect.fn("ChopsticksControl.relaxRateLimits")(function*(sudoAccount: string) {
  const chain = yield* SubtensorChain
  const admin = chain.api.tx["adminUtils"]!
  const sets = [
    admin["sudoSetNetworkRateLimit"]?.(0),
    admin["sudoSetTxRateLimit"]?.(0),
    admin["sudoSetWeightsMinStake"]?.(0),
  ]
    .flatMap((tx) => (tx === undefined ? [] : [chain.calls.sudo(tx.method as unknown as Call)]))
  yield* chain.submit(sudoAccount, chain.calls.batchAll(sets), "relaxRateLimits")
})

export const layer: Layer.Layer<ChainControl, never, SubtensorChain> = Layer.effect(
  ChainControl,
  Effect.gen(function*() {
    const chain = yield* SubtensorChain
    return ChainControl.of({
      advance: (blocks = 1) => chain.rpc("dev_newBlock", [{ count: blocks }]),
      fund: (coldkey, rao) =>
        Effect.gen(function*() {
          if (rao < 0n) {
            return yield* Effect.fail(
              new ChainError({ reason: "InvalidArguments", detail: `cannot fund a negative amount (${rao})` }),
            )
          }
          const account = yield* Effect.tryPromise({
            try: () => chain.api.query["system"]!["account"]!(coldkey),
            catch: (e) =>
              new ChainError({
                reason: "InvalidArguments",
                detail: `fund: ${coldkey} is not an account (${(e as Error).message})`,
              }),
          })
          const free = (account as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt()
          yield* chain.rpc("dev_setStorage", [{
            System: { Account: [[[coldkey], { providers: 1, data: { free: (free + rao).toString() } }]] },
          }])
        }),
    })
  }),
)
