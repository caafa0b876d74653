/**
 * What a test (or a local network) needs beyond the `Chain` calls: make blocks and fund accounts. The mock chain
 * provides it directly; a localnet client signs these with the sudo key from its `Signer`; a real-chain harness
 * provides it with dev accounts and block production.
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { ChainError, ChainUnavailable } from "./ChainError.ts"

export class ChainControl extends Context.Service<ChainControl, {
  /** Produces `blocks` blocks (a localnet takes this only from its sudo key, and a bounded number per call). */
  readonly advance: (blocks?: number) => Effect.Effect<unknown, ChainError | ChainUnavailable>
  /** Credits free balance to a coldkey. */
  readonly fund: (coldkey: string, rao: bigint) => Effect.Effect<void, ChainError | ChainUnavailable>
}>()("subnetkit/core/chain/ChainControl") {}
