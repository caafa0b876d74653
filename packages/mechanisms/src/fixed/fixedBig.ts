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
const U64_MAX = (1n << 64n) - 1n

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x)

/** I32F32 `saturating_mul`: floor of the exact product, saturated to i64. */
export function mulI32F32(a: bigint, b: bigint): bigint {
  return clamp((a * b) >> 32n, I64_MIN, I64_MAX)
}

/** I32F32 `safe_div`: truncation toward zero; 0 for a zero divisor or a quotient out of range. */
export function divI32F32(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  const q = (a << 32n) / b
  return q > I64_MAX || q < I64_MIN ? 0n : q
}

/** I64F64 `saturating_mul`. */
export function mulI64F64(a: bigint, b: bigint): bigint {
  return clamp((a * b) >> 64n, I128_MIN, I128_MAX)
}

/** I64F64 `safe_div`. */
export function divI64F64(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n
  const q = (a << 64n) / b
  return q > I128_MAX || q < I128_MIN ? 0n : q
}

/** I64F64 → I32F32 narrowing (`saturating_from_num`): drops 32 low bits (floor), saturates. */
export function i64f64ToI32F32(x: bigint): bigint {
  return clamp(x >> 32n, I64_MIN, I64_MAX)
}

/** Fixed → u64 (`saturating_to_num::<u64>`): floor, saturated to [0, u64::MAX]. */
export function toU64(bits: bigint, fracBits: bigint): bigint {
  return clamp(bits >> fracBits, 0n, U64_MAX)
}

/** f64 → I32F32 raw bits (`from_num`): round to nearest. */
export function i32f32FromNumber(x: number): bigint {
  return BigInt(Math.round(x * 2 ** 32))
}

/** Floor of log2 of a positive fixed-point value with `fracBits` fractional bits (0 for values below 1 is not needed here). */
export function floorLog2(bits: bigint, fracBits: bigint): number {
  return bits.toString(2).length - 1 - Number(fracBits)
}
