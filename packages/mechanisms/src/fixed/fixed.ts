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
    throw new RangeError(
      `fixed-point value ${x} exceeds the exact Number range; this is a bug in @subnetkit/mechanisms`,
    )
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
 * `mul` when the product passes 2^53: split the magnitudes so every partial product is exact, and floor a negative
 * product away from zero when the split leaves a remainder. Operands from 2^48 up go through bigint (unreachable
 * from the epoch: its I32F32 values stay below 2^48 in magnitude).
 */
function mulWide(a: number, b: number): number {
  const x = a < 0 ? -a : a
  const y = b < 0 ? -b : b
  if (x >= TWO48 || y >= TWO48) return exact(Number(mulI32F32(BigInt(a), BigInt(b))))
  // x·y = high·2^32 + low, low ≥ 0 and below 2^49: floor is high + floor(low / 2^32).
  let high: number
  let low: number
  if (x < TWO36 && y < TWO33) {
    // y = yh·2^16 + yl: x·yh < 2^53 and x·yl < 2^52, so both partial products are exact.
    const yh = Math.floor(y / TWO16)
    const p = x * yh
    high = Math.floor(p / TWO16)
    low = (p - high * TWO16) * TWO16 + x * (y - yh * TWO16)
  } else {
    // 24-bit halves: every partial product is below 2^50.
    const x1 = Math.floor(x / TWO24)
    const x0 = x - x1 * TWO24
    const y1 = Math.floor(y / TWO24)
    const y0 = y - y1 * TWO24
    const mid = x1 * y0 + x0 * y1
    const mh = Math.floor(mid / TWO8)
    high = x1 * y1 * TWO16 + mh
    low = (mid - mh * TWO8) * TWO24 + x0 * y0
  }
  const carry = Math.floor(low / ONE)
  const q = high + carry
  if ((a < 0) === (b < 0)) return exact(q)
  return exact(0 - (low === carry * ONE ? q : q + 1)) // floor(−q − f) = −q − 1 for a fraction f > 0
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

/**
 * u16 proportion → I32F32 (`u16_proportion_to_fixed`: x / 65535, truncated). In closed form: 65535 · 65537 = 2^32 − 1,
 * so x · 2^32 / 65535 = x · 65537 + x / 65535, whose floor is x · 65537 for x < 65535. Bonds take this path once per
 * stored entry, where a 65536-entry table would miss the cache.
 */
export const u16Proportion = (x: number): number => (x === 65535 ? ONE : x * 65537)

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
