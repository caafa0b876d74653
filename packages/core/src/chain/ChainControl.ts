/**
 * What a test (or a local network) needs beyond the `Chain` calls: make blocks and fund accounts. The mock chain
 * provides it directly; a real-chain harness provides it with dev accounts and block production.
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { ChainError, ChainUnavailable } from "./ChainError.ts"

export class ChainControl extends Context.Service<ChainControl, {
  /** Produces `blocks` blocks. */
  readonly advance: (blocks?: number) => Effect.Effect<unknown, ChainUnavailable>
  /** Credits free balance to a coldkey. */
  readonly fund: (coldkey: string, rao: bigint) => Effect.Effect<void, ChainError | ChainUnavailable>
}>()("subnetkit/core/chain/ChainControl") {}
