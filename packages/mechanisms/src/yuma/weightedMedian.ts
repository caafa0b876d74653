/**
 * Stake-weighted κ-median per column (Yuma consensus, yuma-spec §3.6): the largest weight that at least κ of the
 * active stake supports. A port of the runtime's deterministic mid-pivot quickselect: the pivot is the middle entry
 * of the current partition, and partitions keep their entries' order, so the same pivots are chosen.
 */
import type { Csr } from "./csr.ts"
import { normalize, sum } from "./csr.ts"

/** Reusable partition buffers, so the per-column selection allocates nothing. */
class Scratch {
  readonly current: Int32Array
  readonly lower: Int32Array
  readonly upper: Int32Array
  constructor(size: number) {
    this.current = new Int32Array(size)
    this.lower = new Int32Array(size)
    this.upper = new Int32Array(size)
  }
}

/**
 * `weighted_median`: the entries `partition` of `stake`/`score`; `minority` = stake sum − κ.
 * Returns 0 for an empty partition. All values are I32F32 raw bits.
 */
export function weightedMedian(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  partition: ArrayLike<number>,
  minority: number,
  lo: number,
  hi: number,
  scratch = new Scratch(partition.length),
): number {
  let { current, lower, upper } = scratch
  let count = partition.length
  for (let k = 0; k < count; k++) current[k] = partition[k]!
  for (let iteration = 0; iteration <= partition.length; iteration++) {
    if (count === 0) return 0
    if (count === 1) return score[current[0]!]!
    const pivot = score[current[count >> 1]!]!
    let loStake = 0
    let hiStake = 0
    let nLower = 0
    let nUpper = 0
    for (let k = 0; k < count; k++) {
      const idx = current[k]!
      const s = score[idx]!
      if (s < pivot) {
        loStake += stake[idx]!
        lower[nLower++] = idx
      } else if (s > pivot) {
        hiStake += stake[idx]!
        upper[nUpper++] = idx
      }
    }
    const previous = current
    if (minority < lo + loStake && nLower > 0) {
      current = lower
      lower = previous
      count = nLower
      hi = lo + loStake
    } else if (hi - hiStake <= minority && nUpper > 0) {
      current = upper
      upper = previous
      count = nUpper
      lo = hi - hiStake
    } else {
      return pivot
    }
  }
  return 0
}

/**
 * `weighted_median_col_sparse`: consensus for each column over the rows with positive stake.
 * `kappa` is the majority as I32F32 raw bits.
 */
export function weightedMedianColumns(stake: ReadonlyArray<number>, weights: Csr, kappa: number): Array<number> {
  const { n } = weights
  const rows: Array<number> = []
  stake.forEach((s, i) => {
    if (s > 0) rows.push(i)
  })
  const useStake = normalize(rows.map((i) => stake[i]!))
  const stakeSum = sum(useStake)
  const minority = stakeSum - kappa
  const m = rows.length
  // Column-major scores (n × m), absent entries 0: one contiguous block per column for the selection.
  const scores = new Float64Array(n * m)
  for (let block = 0; block < m; block += 32) { // 32 rows at a time keeps each column's writes in one cache line run
    for (let r = block; r < Math.min(m, block + 32); r++) {
      const i = rows[r]!
      for (let k = weights.start[i]!; k < weights.start[i + 1]!; k++) scores[weights.j[k]! * m + r] = weights.v[k]!
    }
  }
  const partition = Int32Array.from({ length: m }, (_, r) => r)
  const scratch = new Scratch(m)
  const out = new Array<number>(n)
  for (let j = 0; j < n; j++) {
    out[j] = weightedMedian(useStake, scores.subarray(j * m, (j + 1) * m), partition, minority, 0, stakeSum, scratch)
  }
  return out
}
