/**
 * Stake-weighted κ-median per column (Yuma consensus, yuma-spec §3.6): the largest weight that at least κ of the
 * active stake supports. A port of the runtime's deterministic mid-pivot quickselect: at an exact tie between the
 * cumulative stake and the minority, the partial-sum order decides, so a sort-based median would differ there.
 */
import type { Matrix } from "./sparse.ts"
import { normalize, sum } from "./sparse.ts"

/**
 * `weighted_median`: `stake`/`score` indexed by `partition`; `minority` = stake sum − κ.
 * Returns 0 for an empty partition. All values are I32F32 raw bits.
 */
export function weightedMedian(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  partition: ReadonlyArray<number>,
  minority: number,
  lo: number,
  hi: number,
): number {
  let current = partition
  const limit = partition.length
  for (let iteration = 0; iteration <= limit; iteration++) {
    const count = current.length
    if (count === 0) return 0
    if (count === 1) return score[current[0]!] ?? 0
    const pivot = score[current[count >> 1]!] ?? 0
    let loStake = 0
    let hiStake = 0
    const lower: Array<number> = []
    const upper: Array<number> = []
    for (const idx of current) {
      const s = score[idx] ?? 0
      if (s === pivot) continue
      if (s < pivot) {
        loStake += stake[idx] ?? 0
        lower.push(idx)
      } else {
        hiStake += stake[idx] ?? 0
        upper.push(idx)
      }
    }
    if (minority < lo + loStake && lower.length > 0) {
      current = lower
      hi = lo + loStake
    } else if (hi - hiStake <= minority && upper.length > 0) {
      current = upper
      lo = hi - hiStake
    } else {
      return pivot
    }
  }
  return 0
}

/**
 * `weighted_median_col_sparse`: consensus for each of `n` columns over the rows with positive stake.
 * `kappa` is the majority as I32F32 raw bits.
 */
export function weightedMedianColumns(stake: ReadonlyArray<number>, weights: Matrix, n: number, kappa: number): Array<number> {
  const rows: Array<number> = []
  stake.forEach((s, i) => {
    if (s > 0) rows.push(i)
  })
  const useStake = normalize(rows.map((i) => stake[i]!))
  const stakeSum = sum(useStake)
  const minority = stakeSum - kappa
  const m = rows.length
  // Column-major scores (n × m): one contiguous block per column for the quickselect.
  const scores = new Float64Array(n * m)
  rows.forEach((i, k) => {
    const row = weights[i]!
    for (let e = 0; e < row.j.length; e++) {
      const j = row.j[e]!
      if (j < n) scores[j * m + k] = row.v[e]!
    }
  })
  const partition = Array.from({ length: m }, (_, k) => k)
  const out = new Array<number>(n)
  for (let j = 0; j < n; j++) {
    out[j] = weightedMedian(useStake, scores.subarray(j * m, (j + 1) * m), partition, minority, 0, stakeSum)
  }
  return out
}
