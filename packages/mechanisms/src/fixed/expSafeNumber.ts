/**
 * `exp_safe` (the runtime's truncated `exp` series, `expSafe.ts`) on exact Number bits. Liquid alpha evaluates it
 * once per (validator, miner) pair, so the series loop is written out on doubles here instead of going through the
 * general `mul`, whose float-first check and fallbacks cost several times more per term.
 */
import { expSafe } from "./expSafe.ts"
import { div, ONE } from "./fixed.ts"

const TWO24 = 2 ** 24
const TWO52 = 2 ** 52
const TEN = 10 * ONE
/** `substrate_fixed::consts::E` narrowed to I32F32 (not the correctly rounded e). */
const E_BITS = 11674931200

/**
 * `exp_safe(x)` on I32F32 raw bits; `null` when the result reaches 2^52 (the caller then uses the bigint
 * reference). |x| ≤ 10 — every input of liquid alpha with |steepness| ≤ 2000 — runs on Numbers; larger inputs go
 * through bigint.
 */
export function expSafeNumber(x: number): number | null {
  if (x === 0) return ONE
  if (x === ONE) return E_BITS // the runtime returns the constant, not the series
  if (x > TEN || x < -TEN) {
    const e = expSafe(BigInt(x))
    return e < BigInt(TWO52) ? Number(e) : null
  }
  const series = expSeries(x < 0 ? -x : x)
  return x < 0 ? div(ONE, series) : series
}

/** 1 / (i · 2^32) for each series step i. */
const STEP_SCALE = Array.from({ length: 32 }, (_, i) => 1 / (i * ONE))
/**
 * How far from an integer a float estimate of a term must be for its floor to be exact: the estimate carries three
 * roundings (1 / (i·2^32), × x, × term: relative error < 2^-51) and terms stay below 2^44, so it is within 2^-7 of
 * the true quotient.
 */
const MARGIN = 2 ** -6

/**
 * 1 + x + Σ_{i=2}^{31} term_i with term_i = floor(floor(term_{i−1} · x / 2^32) / i) = floor(term_{i−1} · x / (i·2^32))
 * (nested floors of divisions by positive integers merge), for 0 < x ≤ 10 (raw bits). Each term is first estimated
 * in floating point and kept when its fraction is clear of an integer; otherwise `exactTerm` computes it. The
 * terms depend on each other, so the step on that chain is one multiply and one floor: x / (i·2^32) does not
 * depend on the previous term and is computed beside it.
 */
function expSeries(x: number): number {
  let result = x + ONE
  let term = x
  for (let i = 2; i < 32; i++) {
    const estimate = term * (x * STEP_SCALE[i]!)
    const next = Math.floor(estimate)
    const fraction = estimate - next
    term = fraction > MARGIN && fraction < 1 - MARGIN ? next : exactTerm(term, x, i)
    if (term === 0) break // every later term is 0 too
    result += term
  }
  return result
}

/**
 * floor(floor(term · x / 2^32) / i) without rounding, for term < 2^44 and x < 2^36: with 24-bit halves every partial
 * product is below 2^48 and exact; the product before the division by i stays below 2^47, where a double quotient
 * is within 2^-6 of the true one while a non-integer quotient is at least 1/31 from an integer.
 */
function exactTerm(term: number, x: number, i: number): number {
  const x1 = Math.floor(x / TWO24)
  const x0 = x - x1 * TWO24
  const t1 = Math.floor(term / TWO24)
  const t0 = term - t1 * TWO24
  const mid = t1 * x0 + t0 * x1
  const midHigh = Math.floor(mid / 256)
  const product = t1 * x1 * 65536 + midHigh + Math.floor(((mid - midHigh * 256) * TWO24 + t0 * x0) / ONE)
  return Math.floor(product / i)
}
