/**
 * Stake weights and validator permits (yuma-spec §3.2–3.3): alpha + tao × tao_weight in I64F64, the stake
 * threshold (the subnet owner is exempt), normalisation, and top-k permits.
 */
import { divI64F64, i64f64ToI32F32, mulI64F64, ONE_64 } from "../fixed/fixedBig.ts"

const U64_MAX = (1n << 64n) - 1n

/** `get_tao_weight` widened to I64F64: U96F32(stored) / U96F32(u64::MAX), truncated, then exact widening. */
export const taoWeightI64F64 = (taoWeightU64: bigint): bigint => ((taoWeightU64 << 32n) / U64_MAX) << 32n

export interface StakeWeights {
  /** S: normalised stake per uid after the threshold, I32F32 raw bits; all zeros when no stake passes it. */
  readonly normalized: Array<number>
  /**
   * Total stake per uid in rao before the threshold: the I64F64 total floored (`epoch_mechanism`'s `raw_stake`,
   * `EpochTerms.stake`, which `epoch_with_mechanisms` sums over mechanisms).
   */
  readonly totalRao: Array<bigint>
}

/** Stake weights per uid (`get_stake_weights_for_network`, then the threshold and normalisation of the epoch). */
export function stakeWeights(
  alphaStakeRao: ReadonlyArray<bigint>,
  taoStakeRao: ReadonlyArray<bigint>,
  taoWeightU64: bigint,
  stakeThresholdRao: bigint,
  ownerUid: number | null,
): StakeWeights {
  const taoWeight = taoWeightI64F64(taoWeightU64)
  const totals = alphaStakeRao.map((alpha, uid) =>
    alpha * ONE_64 + mulI64F64((taoStakeRao[uid] ?? 0n) * ONE_64, taoWeight)
  )
  const totalRao = totals.map((total) => total >> 64n)
  const filtered = totals.map((total, uid) => (uid !== ownerUid && totalRao[uid]! < stakeThresholdRao ? 0n : total))
  const total = filtered.reduce((a, b) => a + b, 0n)
  const normalized = total === 0n ? filtered : filtered.map((s) => divI64F64(s, total))
  return { normalized: normalized.map((s) => Number(i64f64ToI32F32(s))), totalRao }
}

/**
 * `is_topk_nonzero`: the `k` largest non-zero entries. Ties at the boundary: the lower uid loses
 * (stable ascending sort, the first n − k are dropped).
 */
export function topKNonzero(values: ReadonlyArray<number>, k: number): Array<boolean> {
  const result = values.map((v) => v !== 0)
  const n = values.length
  if (n < k) return result
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b)
  for (const i of order.slice(0, n - k)) result[i] = false
  return result
}
