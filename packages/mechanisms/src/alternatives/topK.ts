import { InvalidInput } from "../input/InvalidInput.ts"
import type { Mechanism } from "../Mechanism.ts"
import { alternativeMechanism, equalShares } from "./alternativeEpoch.ts"

/**
 * Equal incentive for the `k` miners with the highest stake-weighted support (ties at the cut: lower uid first).
 *
 * Rewards: reaching the top k; below the cut nothing, above it no reward for being better.
 * Open to: sybils. One operator with k hotkeys behind one good model can fill the whole top k; and the cliff at
 * rank k invites a cabal to push a miner just over it.
 * @throws {InvalidInput} when k is not a positive integer.
 */
export function topK(k: number): Mechanism {
  if (!Number.isInteger(k) || k < 1) throw new InvalidInput("topK.k", `expected a positive integer, got ${k}`)
  return alternativeMechanism(`top${k}`, `equal incentive for the ${k} most supported miners`, (support) => {
    const ranked = support.map((s, j) => [s, j] as const).filter(([s]) => s > 0).sort((a, b) =>
      b[0] - a[0] || a[1] - b[1]
    )
    return equalShares(support.length, ranked.slice(0, k).map(([, j]) => j))
  })
}
