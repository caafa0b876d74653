/**
 * Block emission by total issuance (`get_block_emission_for_issuance`, yuma-spec §6): 1 TAO per block, halved each
 * time issuance crosses 10.5M, 15.75M, 18.375M, … TAO, and 0 at the 21M cap. Exact I96F32 arithmetic.
 */

import { InvalidInput } from "../input/InvalidInput.ts"

/** 21M TAO in rao: the supply cap. */
export const TOTAL_SUPPLY_RAO = 21_000_000_000_000_000n
/** 1 TAO in rao: the emission of a block before the first halving. */
export const DEFAULT_BLOCK_EMISSION_RAO = 1_000_000_000n

/** The number of halvings at this issuance: floor(log2(1 / (1 − issuance / 21M))) in I96F32. */
export function halvingsAt(issuanceRao: bigint): number {
  if (issuanceRao >= TOTAL_SUPPLY_RAO) return Infinity
  const fraction = (issuanceRao << 32n) / TOTAL_SUPPLY_RAO // I96F32 issuance / (2 × 10.5e15), truncated
  const x = (1n << 64n) / ((1n << 32n) - fraction) // I96F32 1 / (1 − fraction)
  return x.toString(2).length - 1 - 32 // integer part of log2
}

/**
 * Rao emitted per block at a given total issuance (rao). 0 at or above the cap.
 * @example blockEmission(10_500_000_000_000_000n) // 500000000n
 */
export function blockEmission(issuanceRao: bigint): bigint {
  if (issuanceRao < 0n) throw new InvalidInput("issuanceRao", `must be non-negative, got ${issuanceRao}`)
  const k = halvingsAt(issuanceRao)
  if (!Number.isFinite(k) || k > 32) return 0n
  const share = (1n << 32n) >> BigInt(k) // I96F32 1 / 2^k (exact for k ≤ 32)
  return (share * DEFAULT_BLOCK_EMISSION_RAO) >> 32n
}

export interface Halving {
  /** 0 for the initial era, then 1, 2, … */
  readonly halving: number
  /** The smallest issuance (rao) at which this era's block emission applies. */
  readonly issuanceRao: bigint
  readonly blockEmissionRao: bigint
  /** Blocks this era lasts if every block emits the full reward (until the next halving's issuance). */
  readonly blocks: bigint
  /** Years from genesis to the start of this era at `blockSeconds` per block (an estimate: it ignores recycling). */
  readonly startYear: number
}

/**
 * The halving timeline: one row per era until block emission reaches 0.
 * Each boundary is the exact smallest issuance at which `blockEmission` changes (found by bisection).
 */
export function halvingTimeline(blockSeconds = 12): Array<Halving> {
  const rows: Array<Halving> = []
  let start = 0n
  let blocksSoFar = 0n
  const secondsPerYear = 365.25 * 24 * 3600
  for (let halving = 0;; halving++) {
    const reward = blockEmission(start)
    if (reward === 0n) break
    const end = firstIssuanceBelow(reward, start)
    const blocks = (end - start + reward - 1n) / reward
    rows.push({
      halving,
      issuanceRao: start,
      blockEmissionRao: reward,
      blocks,
      startYear: Number(blocksSoFar) * blockSeconds / secondsPerYear,
    })
    blocksSoFar += blocks
    start = end
  }
  return rows
}

/** Smallest issuance ≥ from whose block emission is below `reward` (emission only decreases with issuance). */
function firstIssuanceBelow(reward: bigint, from: bigint): bigint {
  let lo = from
  let hi = TOTAL_SUPPLY_RAO
  while (lo < hi) {
    const mid = (lo + hi) >> 1n
    if (blockEmission(mid) < reward) hi = mid
    else lo = mid + 1n
  }
  return lo
}
