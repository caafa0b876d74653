/**
 * Liquid alpha (Yuma 3 with `LiquidAlphaOn`): each bond's EMA rate comes from a sigmoid of how far the weight
 * leads consensus ("buy") or the bond leads the weight ("sell") — `alpha_sigmoid` in run_epoch.rs.
 * The sigmoid needs the runtime's truncated `exp` series; it runs on exact Number bits while every term fits
 * (|x| ≤ 10, i.e. steepness up to 2000) and on the bigint reference otherwise. Results are cached per diff.
 */
import { expSafe, sigmoidOfDiff } from "../fixed/expSafe.ts"
import { div, mul, ONE, u16Proportion } from "../fixed/fixed.ts"

export interface LiquidAlpha {
  /** alpha_low / alpha_high as I32F32 proportions. */
  readonly low: number
  readonly high: number
  /** `AlphaSigmoidSteepness` as I32F32. */
  readonly steepness: number
  /** sigmoid by diff bits. */
  readonly cache: Map<number, number>
}

export const liquidAlpha = (alphaLowU16: number, alphaHighU16: number, steepness: number): LiquidAlpha => ({
  low: u16Proportion(alphaLowU16),
  high: u16Proportion(alphaHighU16),
  steepness: steepness * ONE,
  cache: new Map(),
})

const HALF = ONE / 2
const TEN = 10 * ONE
const E_BITS = 11674931200 // substrate_fixed's E narrowed to I32F32
const TWO52 = 2 ** 52

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x)

/** α for consensus c, weight w, bond b (all I32F32 raw bits). */
export function liquidAlphaRate(c: number, w: number, b: number, la: LiquidAlpha): number {
  const diff = w >= b ? clamp(w - c, 0, ONE) : clamp(b - w, 0, ONE)
  let sigmoid = la.cache.get(diff)
  if (sigmoid === undefined) {
    sigmoid = sigmoidAt(diff, la.steepness)
    la.cache.set(diff, sigmoid)
  }
  return clamp(la.low + mul(sigmoid, la.high - la.low), la.low, la.high)
}

/** 1 / (1 + exp_safe((k / -100) · (diff - 0.5))). */
function sigmoidAt(diff: number, steepness: number): number {
  const e = expSafeNumber(mul(div(steepness, -100 * ONE), diff - HALF))
  return e !== null && ONE + e < TWO52 ? div(ONE, ONE + e) : Number(sigmoidOfDiff(BigInt(diff), BigInt(steepness)))
}

/** `exp_safe` on Number bits: the series runs on Numbers for |x| ≤ 10 (every term stays below 2^47); `null` when the result passes 2^52. */
export function expSafeNumber(x: number): number | null {
  if (x === 0) return ONE
  if (x === ONE) return E_BITS
  if (x > TEN || x < -TEN) {
    const e = expSafe(BigInt(x))
    return e < BigInt(TWO52) ? Number(e) : null
  }
  const operand = x < 0 ? -x : x
  let result = operand + ONE
  let term = operand
  for (let i = 2; i < 32 && term !== 0; i++) { // once a term floors to 0 every later one is 0
    term = Math.floor(mul(term, operand) / i) // checked_div by I32F32(i) truncates like an integer division
    result += term
  }
  return x < 0 ? div(ONE, result) : result
}
