/**
 * The chain as neurons and tools see it: one service, several implementations (the in-process `MockChain`, later a
 * localnet client and the real-chain adapter), all held to `testing/Chain.contract.ts`.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { Chain, devSignerLayer, MockChain } from "@subnetkit/core"
 *
 * const program = Effect.gen(function*() {
 *   const chain = yield* Chain
 *   return yield* chain.subnetState(1, "light")
 * }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer))))
 * ```
 */
import { Context } from "effect"
import type { Methods } from "./ChainCall.ts"
import type { chainCalls } from "./chainCalls.ts"

/**
 * The chain's calls, one method per entry of `chainCalls.ts` (its JSDoc is theirs). Every mutating call names the
 * account it acts for (coldkey for subnets, registration, stake and hyperparameters; hotkey for axons and weights) and
 * is signed with that account's key from the `Signer` the layer was given: a call for an account the signer holds no
 * key for fails with `ChainError("BadOrigin")` and changes nothing. Every call can fail with `ChainUnavailable` when
 * the chain is remote and cannot be reached; the mock never does.
 */
export interface ChainShape extends Methods<typeof chainCalls> {
  /**
   * Whether this chain's reveal (and so its commit hash, `commitHash`) takes a salt. The mock chain, the localnet and
   * newer subtensor runtimes do; spec 185 hashes and reveals without one (`commitHash({ salt: null })`, reveal with `[]`).
   */
  readonly revealTakesSalt: boolean
}

export class Chain extends Context.Service<Chain, ChainShape>()("subnetkit/core/chain/Chain") {}
