import type { Mechanism } from "../Mechanism.ts"
import { normalize } from "../yuma/csr.ts"
import { alternativeMechanism } from "./alternativeEpoch.ts"

/**
 * Incentive = the stake-weighted mean of validators' normalised weights ("Yuma without clipping").
 *
 * Rewards: every miner in proportion to the stake that supports it, so a broad, smooth reward curve.
 * Open to: collusion. With no κ-clipping, a cabal holding a stake share s moves up to s of all miner
 * emission to its own miners whatever the honest validators see; weight copiers earn full dividends too.
 */
export const stakeWeightedMean = (): Mechanism =>
  alternativeMechanism("mean", "stake-weighted mean of weights, no clipping, no bonds", (support) => normalize(support))
