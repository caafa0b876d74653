/**
 * Scores → the u16 weights a validator sends, as the Python SDK does it (`bittensor/utils/weight_utils.py`):
 * `process_weights` (min_allowed_weights, exclude quantile, `normalize_max_weight` for max_weight_limit) and
 * `convert_weights_and_uids_for_emit` (max-upscale to 65535, Python `round`, zero entries dropped).
 * The SDK computes in float32 numpy; this uses float64, so a value at an exact rounding boundary can differ by 1.
 */

export interface ProcessWeightsOptions {
  /** Subnet size (`metagraph.n`). */
  readonly n: number
  /** `MinAllowedWeights`. */
  readonly minAllowedWeights: number
  /** `MaxWeightsLimit` as a fraction (u16 / 65535). */
  readonly maxWeightLimit: number
  /** Quantile of the lowest weights to drop, u16 proportion (default 0). */
  readonly excludeQuantileU16?: number
}

export interface UidWeights {
  readonly uids: Array<number>
  readonly weights: Array<number>
}

/** `normalize_max_weight`: sum 1 with no entry above `limit` (clipping the largest ones). */
export function normalizeMaxWeight(x: ReadonlyArray<number>, limit: number): Array<number> {
  const epsilon = 1e-7
  // Sorted as the SDK sorts, and summed in that order, so the total (and every weight) is the SDK's to the last bit.
  const values = new Float64Array(x).sort()
  let total = 0
  for (const v of values) total += v
  if (total === 0 || x.length * limit <= 1) return x.map(() => 1 / x.length)
  // The largest estimate is the largest value over the total (division by a positive total keeps the order).
  if (values[values.length - 1]! / total <= limit) return x.map((w) => w / total)
  const estimation = Array.from(values, (v) => v / total)
  const cumsum: Array<number> = []
  estimation.reduce((acc, e, i) => (cumsum[i] = acc + e), 0)
  const estimationSum = estimation.map((e, i) => (values.length - i - 1) * e)
  const nValues = estimation.filter((e, i) => e / (estimationSum[i]! + cumsum[i]! + epsilon) < limit).length
  const cutoffScale = (limit * cumsum[nValues - 1]! - epsilon) / (1 - limit * (estimation.length - nValues))
  const cutoff = cutoffScale * total
  const clipped = x.map((w) => (w > cutoff ? cutoff : w))
  const clippedTotal = clipped.reduce((a, b) => a + b, 0)
  return clipped.map((w) => w / clippedTotal)
}

/** numpy's default (linear) quantile of a non-empty array; q = 0 (the default) is the minimum, found without a sort. */
function quantile(xs: ReadonlyArray<number>, q: number): number {
  if (q === 0) return xs.reduce((a, b) => (b < a ? b : a))
  const s = new Float64Array(xs).sort()
  const position = q * (s.length - 1)
  const lo = Math.floor(position)
  const hi = Math.min(lo + 1, s.length - 1)
  return s[lo]! + (s[hi]! - s[lo]!) * (position - lo)
}

/** `process_weights`. `uids[i]` gets `weights[i]`; uids are positions 0..n-1 in the fallbacks, as in the SDK. */
export function processWeights(
  uids: ReadonlyArray<number>,
  weights: ReadonlyArray<number>,
  options: ProcessWeightsOptions,
): UidWeights {
  const { n, minAllowedWeights, maxWeightLimit } = options
  const nonZero: Array<number> = [] // positions of the positive weights
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) nonZero.push(i)
  const all = () => [...Array(n).keys()]
  if (nonZero.length === 0 || n < minAllowedWeights) return { uids: all(), weights: new Array<number>(n).fill(1 / n) }
  if (nonZero.length < minAllowedWeights) {
    const padded = new Array<number>(n).fill(1e-5) // minimum even non-zero weights, as the SDK does
    for (const i of nonZero) padded[i]! += weights[i]!
    return { uids: all(), weights: normalizeMaxWeight(padded, maxWeightLimit) }
  }
  const maxExclude = Math.max(0, nonZero.length - minAllowedWeights) / nonZero.length
  const q = Math.min((options.excludeQuantileU16 ?? 0) / 65535, maxExclude)
  const lowest = quantile(nonZero.map((i) => weights[i]!), q)
  const kept = nonZero.filter((i) => lowest <= weights[i]!)
  return { uids: kept.map((i) => uids[i]!), weights: normalizeMaxWeight(kept.map((i) => weights[i]!), maxWeightLimit) }
}

/** Python's `round`: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** `convert_weights_and_uids_for_emit`: max-upscale to u16 and drop zeros. Empty when every weight is 0. */
export function toEmitWeights(uids: ReadonlyArray<number>, weights: ReadonlyArray<number>): UidWeights {
  if (weights.some((w) => w < 0)) throw new RangeError(`negative weight in ${JSON.stringify(weights)}`)
  if (uids.length !== weights.length) throw new RangeError(`${uids.length} uids but ${weights.length} weights`)
  const total = weights.reduce((a, b) => a + b, 0)
  if (total === 0) return { uids: [], weights: [] }
  const max = weights.reduce((a, b) => (b > a ? b : a))
  const out: UidWeights = { uids: [], weights: [] }
  weights.forEach((w, i) => {
    const value = roundHalfEven((w / max) * 65535)
    if (value !== 0) {
      out.uids.push(uids[i]!)
      out.weights.push(value)
    }
  })
  return out
}

/**
 * From raw non-negative scores per uid to the u16 weights a validator sends: normalise, `process_weights` with the
 * subnet's limits, `convert_weights_and_uids_for_emit`. Empty when every score is 0 (nothing learned yet: uniform
 * weights would pay idle miners).
 */
export function weightsToEmit(
  uids: ReadonlyArray<number>,
  scores: ReadonlyArray<number>,
  subnet: { readonly n: number; readonly minAllowedWeights: number; readonly maxWeightLimitU16: number },
): UidWeights {
  const total = scores.reduce((a, b) => a + b, 0)
  if (total === 0) return { uids: [], weights: [] }
  const processed = processWeights(uids, scores.map((s) => s / total), {
    n: subnet.n,
    minAllowedWeights: subnet.minAllowedWeights,
    maxWeightLimit: subnet.maxWeightLimitU16 / 65535,
  })
  return toEmitWeights(processed.uids, processed.weights)
}
