/**
 * `exp_safe` of the subtensor runtime: `substrate_fixed::transcendental::exp` on an input clamped to [-20, 20].
 * The series is truncated (30 terms, each step floored), so exp(20) is 481239357.67, not e^20: liquid alpha depends
 * on these exact bits, so `Math.exp` will not do (yuma-spec §1, §10.2).
 */
import { divI32F32, mulI32F32, ONE_32 } from "./fixedBig.ts"

const I64_MAX = (1n << 63n) - 1n
const I64_MIN = -(1n << 63n)
/** `substrate_fixed::consts::E` narrowed to I32F32 (not the correctly rounded e). */
const E_BITS = 11674931200n
const LIMIT = 20n * ONE_32

const fits = (x: bigint): boolean => x <= I64_MAX && x >= I64_MIN

/** The series; `null` where the runtime's checked arithmetic fails. */
function exp(x: bigint): bigint | null {
  if (x === 0n) return ONE_32
  if (x === ONE_32) return E_BITS
  const negative = x < 0n
  const operand = negative ? -x : x
  let result = operand + ONE_32
  let term = operand
  for (let i = 2n; i < 32n; i++) {
    const product = (term * operand) >> 32n
    if (!fits(product)) return null
    term = product / i // checked_div by I32F32(i): (t << 32) / (i << 32) truncates like t / i
    result += term
    if (!fits(result)) return null
  }
  if (negative) return result === 0n ? null : (ONE_32 << 32n) / result
  return result
}

/** `exp_safe(x)` on I32F32 raw bits. */
export function expSafe(x: bigint): bigint {
  const clamped = x < -LIMIT ? -LIMIT : x > LIMIT ? LIMIT : x
  const out = exp(clamped)
  if (out !== null) return out
  return clamped <= 0n ? 0n : I64_MAX
}

const HALF = ONE_32 >> 1n
const MINUS_100 = -100n * ONE_32

/**
 * Liquid alpha (Yuma 3): the per-bond EMA rate from consensus `c`, weight `w` and bond `b`
 * (`alpha_sigmoid` in run_epoch.rs). All arguments and the result are I32F32 raw bits.
 */
export function alphaSigmoid(c: bigint, w: bigint, b: bigint, low: bigint, high: bigint, steepness: bigint): bigint {
  const clamp01 = (x: bigint) => (x < 0n ? 0n : x > ONE_32 ? ONE_32 : x)
  const diff = w >= b ? clamp01(w - c) : clamp01(b - w) // "buy" when the weight leads the bond, else "sell"
  const sigmoid = sigmoidOfDiff(diff, steepness)
  const alpha = low + mulI32F32(sigmoid, high - low)
  return alpha > high ? high : alpha < low ? low : alpha
}

/** 1 / (1 + exp_safe((k / -100) · (diff - 0.5))). */
export function sigmoidOfDiff(diff: bigint, steepness: bigint): bigint {
  const slope = divI32F32(steepness, MINUS_100)
  return divI32F32(ONE_32, ONE_32 + expSafe(mulI32F32(slope, diff - HALF)))
}
