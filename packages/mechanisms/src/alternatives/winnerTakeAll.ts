import type { Mechanism } from "../Mechanism.ts"
import { alternativeMechanism, equalShares } from "./alternativeEpoch.ts"

/**
 * All incentive to the miner with the highest stake-weighted support (shared equally on an exact tie).
 *
 * Rewards: being the single best miner; a clear target for competitions.
 * Open to: a validator cabal whose stake exceeds the winner's margin flips the winner outright; everyone else
 * earns nothing, so honest runners-up deregister and the subnet's redundancy disappears.
 */
export const winnerTakeAll = (): Mechanism =>
  alternativeMechanism("wta", "all incentive to the most supported miner", (support) => {
    const best = Math.max(0, ...support)
    return equalShares(support.length, best > 0 ? support.flatMap((s, j) => (s === best ? [j] : [])) : [])
  })
