/**
 * Reference fixed-point arithmetic on `bigint` raw bits, with the semantics of `substrate-fixed` v0.6.0 as the
 * subtensor runtime uses it (docs: yuma-spec §1): multiply = exact product then floor (arithmetic shift), divide =
 * `(a << frac) / b` truncated toward zero, `safe_div` gives 0 for x/0 and on overflow, narrowing floors.
 *
 * The epoch's O(n²) kernels run on the faster exact Number code in `fixed.ts`; this module is the ground truth that
 * code is tested against, and serves the O(n) parts that need more than 53 bits (I64F64 stake, I96F32 emission).
 */

/** 2^32, one in I32F32 / I96F32 raw bits. */
export const ONE_32 = 1n << 32n
/** 2^64, one in I64F64 raw bits. */
export const ONE_64 = 1n << 64n

const I64_MAX = (1n << 63n) - 1n
const I64_MIN = -(1n << 63n)
const I128_MAX = (1n << 127n) - 1n
const I128_MIN = -(1n << 127n)

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x)

/** `saturating_mul` for `frac` fractional bits: floor of the exact product, saturated to the storage range. */
const saturatingMul = (frac: bigint, lo: bigint, hi: bigint) => (a: bigint, b: bigint): bigint =>
  clamp((a * b) >> frac, lo, hi)

/** `safe_div` for `frac` fractional bits: truncation toward zero; 0 for a zero divisor or a quotient out of range. */
const safeDiv = (frac: bigint, lo: bigint, hi: bigint) => (a: bigint, b: bigint): bigint => {
  if (b === 0n) return 0n
  const q = (a << frac) / b
  return q > hi || q < lo ? 0n : q
}

/** I32F32 `saturating_mul`. */
export const mulI32F32 = saturatingMul(32n, I64_MIN, I64_MAX)
/** I32F32 `safe_div`. */
export const divI32F32 = safeDiv(32n, I64_MIN, I64_MAX)
/** I64F64 `saturating_mul`. */
export const mulI64F64 = saturatingMul(64n, I128_MIN, I128_MAX)
/** I64F64 `safe_div`. */
export const divI64F64 = safeDiv(64n, I128_MIN, I128_MAX)

/** I64F64 → I32F32 narrowing (`saturating_from_num`): drops 32 low bits (floor), saturates. */
export function i64f64ToI32F32(x: bigint): bigint {
  return clamp(x >> 32n, I64_MIN, I64_MAX)
}
