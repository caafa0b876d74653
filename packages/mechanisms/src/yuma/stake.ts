/**
 * Stake weights and validator permits (yuma-spec §3.2–3.3): alpha + tao × tao_weight in I64F64, the stake
 * threshold (the subnet owner is exempt), normalisation, and top-k permits.
 */
import { divI64F64, i64f64ToI32F32, mulI64F64, ONE_64 } from "../fixed/fixedBig.ts"

const U64_MAX = (1n << 64n) - 1n

/** `get_tao_weight` widened to I64F64: U96F32(stored) / U96F32(u64::MAX), truncated, then exact widening. */
export const taoWeightI64F64 = (taoWeightU64: bigint): bigint => ((taoWeightU64 << 32n) / U64_MAX) << 32n

/**
 * Normalised stake per uid as I32F32 raw bits (Number), and the raw total stake per uid as I64F64 bits.
 * All stake below the threshold, or an all-zero subnet, yields zeros.
 */
export function stakeWeights(
  alphaStakeRao: ReadonlyArray<bigint>,
  taoStakeRao: ReadonlyArray<bigint>,
  taoWeightU64: bigint,
  stakeThresholdRao: bigint,
  ownerUid: number | null,
): Array<number> {
  const taoWeight = taoWeightI64F64(taoWeightU64)
  const filtered = alphaStakeRao.map((alpha, uid) => {
    const total = alpha * ONE_64 + mulI64F64((taoStakeRao[uid] ?? 0n) * ONE_64, taoWeight)
    const totalRao = total >> 64n
    return uid !== ownerUid && totalRao < stakeThresholdRao ? 0n : total
  })
  const total = filtered.reduce((a, b) => a + b, 0n)
  const normalized = total === 0n ? filtered : filtered.map((s) => divI64F64(s, total))
  return normalized.map((s) => Number(i64f64ToI32F32(s)))
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
