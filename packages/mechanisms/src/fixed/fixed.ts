/**
 * Exact I32F32 arithmetic on `number` raw bits (an integer-valued double equal to the fixed-point raw value).
 *
 * Why not `bigint`: the epoch does O(n²) multiplies and divides, and BigInt is ~20× slower than doubles for them.
 * Every function here returns the same bits as the runtime's `substrate-fixed` (floor on multiply, truncation
 * toward zero on divide, x/0 = 0). Each operation first tries the float result with a proven error bound and keeps
 * it only when it cannot be off by one; otherwise it splits the operands so every partial product stays below 2^53,
 * and outside those ranges falls back to `bigint` (`fixedBig.ts`, the reference the tests compare against).
 * A result whose magnitude reaches 2^53 cannot be held exactly and throws a RangeError: it is unreachable for
 * validated epoch inputs (n ≤ 65535 uids, values in u16/u64 ranges).
 */
import { divI32F32, mulI32F32 } from "./fixedBig.ts"

/** 1.0 in I32F32 raw bits. */
export const ONE = 4294967296
/** 65535 in I32F32 raw bits (`I32F32::from_num(u16::MAX)`). */
export const U16_MAX_FIXED = 65535 * ONE

const TWO8 = 2 ** 8
const TWO16 = 2 ** 16
const TWO24 = 2 ** 24
const TWO33 = 2 ** 33
const TWO36 = 2 ** 36
const TWO37 = 2 ** 37
const TWO48 = 2 ** 48
const TWO50 = 2 ** 50
const TWO52 = 2 ** 52
const TWO53 = 2 ** 53
const TWO69 = 2 ** 69
/** A float result whose fraction is this far from an integer floors/truncates to the exact result. */
const FRACTION_MARGIN = 2 ** -15

function exact(x: number): number {
  if (x >= TWO53 || x <= -TWO53) {
    throw new RangeError(`fixed-point value ${x} exceeds the exact Number range; this is a bug in @subnetkit/mechanisms`)
  }
  return x
}

/** `a * b` (I32F32 `saturating_mul`): floor of the exact product. */
export function mul(a: number, b: number): number {
  const p = a * b
  if (p < TWO53 && p > -TWO53) return Math.floor(p / ONE) + 0 // + 0 turns -0 into 0
  // The rounded product is within |p|·2^-53 of the exact one, i.e. < 2^-16 of the result when |p| < 2^69: a
  // fraction not within 2^-15 of an integer floors to the exact result.
  const x = p / ONE
  const t = Math.floor(x)
  const f = x - t
  if (f > FRACTION_MARGIN && f < 1 - FRACTION_MARGIN && p < TWO69 && p > -TWO69) return t
  return mulWide(a, b)
}

/**
 * `mul` when the product passes 2^53: for non-negative operands, split so every partial product is exact.
 * Negative wide products (rare: the epoch's negative factors are small) go through bigint.
 */
function mulWide(a: number, b: number): number {
  if (a < 0 || b < 0 || a >= TWO48 || b >= TWO48) return exact(Number(mulI32F32(BigInt(a), BigInt(b))))
  if (a < TWO36 && b < TWO33) {
    // b = bh·2^16 + bl: a·bh < 2^53 and a·bl < 2^52, so both partial products are exact.
    const bh = Math.floor(b / TWO16)
    const p = a * bh
    const ph = Math.floor(p / TWO16)
    return exact(ph + Math.floor(((p - ph * TWO16) * TWO16 + a * (b - bh * TWO16)) / ONE))
  }
  // a·b = hi·2^48 + mid·2^24 + lo with 24-bit halves; every partial product is below 2^50.
  const a1 = Math.floor(a / TWO24)
  const a0 = a - a1 * TWO24
  const b1 = Math.floor(b / TWO24)
  const b0 = b - b1 * TWO24
  const mid = a1 * b0 + a0 * b1
  const mh = Math.floor(mid / TWO8)
  return exact(a1 * b1 * TWO16 + mh + Math.floor(((mid - mh * TWO8) * TWO24 + a0 * b0) / ONE))
}

/** `a / b` (I32F32 `safe_div`): truncated toward zero, 0 when `b` is 0. */
export function div(a: number, b: number): number {
  if (b === 0 || a === 0) return 0
  // Fast path: the float quotient is within |q|·2^-53 < 2^-16 of the exact one (|q| < 2^37), so when its
  // fraction is not within 2^-15 of an integer, truncating it gives the exact result.
  const x = (a / b) * ONE
  const t = Math.trunc(x)
  const f = x > t ? x - t : t - x
  if (f > FRACTION_MARGIN && f < 1 - FRACTION_MARGIN && t < TWO37 && t > -TWO37) return t + 0
  return divExact(a, b)
}

function divExact(a: number, b: number): number {
  let A = Math.abs(a)
  let B = Math.abs(b)
  // Both raw values multiples of 2^16 (e.g. integer weights): the quotient is unchanged by dividing both.
  while ((A >= TWO52 || B >= TWO50) && A % TWO16 === 0 && B % TWO16 === 0) {
    A /= TWO16
    B /= TWO16
  }
  if (A >= TWO52 || B >= TWO50) return exact(Number(divI32F32(BigInt(a), BigInt(b))))
  // Long division of A·2^32 by B, a few bits at a time: each partial numerator r·2^s stays below 2^52.
  let q = Math.floor(A / B)
  let r = A - q * B
  const step = 51 - Math.floor(Math.log2(B)) // ≥ 1; one bit of margin for log2 rounding
  for (let shift = 32; shift > 0;) {
    const s = step < shift ? step : shift
    const scale = 2 ** s
    const n = r * scale
    const d = floorDiv(n, B)
    q = q * scale + d
    r = n - d * B
    shift -= s
  }
  if (q >= 9223372036854775807) return 0 // safe_div: overflow gives 0
  q = exact(q)
  return (a < 0) === (b < 0) ? q : 0 - q
}

/** floor(n / d) for non-negative integers with n + d < 2^53. */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d)
  let r = n - q * d
  while (r < 0) {
    q -= 1
    r += d
  }
  while (r >= d) {
    q += 1
    r -= d
  }
  return q
}

/** u16 → I32F32 raw (`u16_to_fixed`). */
export const fromU16 = (x: number): number => x * ONE

/** u16 proportion → I32F32 (`u16_proportion_to_fixed`: x / 65535). */
export const u16Proportion = (x: number): number => div(x * ONE, U16_MAX_FIXED)

/** I32F32 proportion → u16 (`fixed_proportion_to_u16`: floor(x·65535), saturating). */
export function toU16Proportion(x: number): number {
  // floor(floor(x·65535·2^32 / 2^32) / 2^32) = floor(x·65535 / 2^32), exact while x·65535 < 2^53.
  if (x <= 0) return 0
  if (x >= ONE) return 65535 // 1.0 and above saturate
  return Math.floor((x * 65535) / ONE)
}

/** f64 → I32F32 (`from_num`): round to nearest. */
export const fromNumber = (x: number): number => Math.round(x * ONE)

/** I32F32 → f64, for display only. */
export const toNumber = (bits: number): number => bits / ONE
