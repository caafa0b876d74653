/**
 * Liquid alpha (Yuma 3 with `LiquidAlphaOn`): each bond's EMA rate comes from a sigmoid of how far the weight
 * leads consensus ("buy") or the bond leads the weight ("sell") — `alpha_sigmoid` in run_epoch.rs.
 * The sigmoid needs the runtime's truncated `exp` series (`expSafeNumber`), once per (validator, miner) pair.
 */
import { sigmoidOfDiff } from "../fixed/expSafe.ts"
import { expSafeNumber } from "../fixed/expSafeNumber.ts"
import { div, mul, ONE, u16Proportion } from "../fixed/fixed.ts"

/** Slots of the rate cache; a power of two, so a diff's low bits pick its slot. */
const CACHE_SLOTS = 4096

export interface LiquidAlpha {
  /** alpha_low / alpha_high as I32F32 proportions. */
  readonly low: number
  readonly high: number
  /** `AlphaSigmoidSteepness` as I32F32. */
  readonly steepness: number
  /** k / −100, the sigmoid's slope (I32F32): the same for every pair. */
  readonly slope: number
  /**
   * The slope in whole units when it is whole (steepness a multiple of 100, as the default 1000): slope · (diff − 0.5)
   * is then a plain integer product, which `mul` would reach only after its rounding check fails.
   */
  readonly wholeSlope: number | null
  /**
   * α by diff, direct-mapped (a slot keeps the latest diff that landed in it). Many pairs share a diff — every
   * "buy" at or below consensus has diff 0 — while random weights make most diffs distinct, so the cache has to
   * cost next to nothing on a miss; a `Map` costs more than the series it saves there.
   */
  readonly cachedDiff: Float64Array
  readonly cachedAlpha: Float64Array
}

/** Liquid-alpha parameters for one epoch, from the hyperparameters as stored (u16 proportions, i16 steepness). */
export function liquidAlpha(alphaLowU16: number, alphaHighU16: number, steepness: number): LiquidAlpha {
  const steepnessBits = steepness * ONE
  const slope = div(steepnessBits, -100 * ONE)
  return {
    low: u16Proportion(alphaLowU16),
    high: u16Proportion(alphaHighU16),
    steepness: steepnessBits,
    slope,
    wholeSlope: slope % ONE === 0 ? slope / ONE : null,
    cachedDiff: new Float64Array(CACHE_SLOTS).fill(-1), // diffs are ≥ 0, so -1 is never a hit
    cachedAlpha: new Float64Array(CACHE_SLOTS),
  }
}

const HALF = ONE / 2
const TWO52 = 2 ** 52

/** α for consensus c, weight w, bond b (all I32F32 raw bits). */
export function liquidAlphaRate(c: number, w: number, b: number, la: LiquidAlpha): number {
  const d = w >= b ? w - c : b - w // "buy" when the weight leads the bond, else "sell"
  const diff = d < 0 ? 0 : d > ONE ? ONE : d
  const slot = diff & (CACHE_SLOTS - 1) // diff is an integer ≤ 2^32: `&` sees its low 32 bits
  if (la.cachedDiff[slot] === diff) return la.cachedAlpha[slot]!
  const alpha = alphaOfDiff(diff, la)
  la.cachedDiff[slot] = diff
  la.cachedAlpha[slot] = alpha
  return alpha
}

/** clamp(low + sigmoid(diff)·(high − low), low, high). */
function alphaOfDiff(diff: number, la: LiquidAlpha): number {
  const alpha = la.low + mul(sigmoidAt(diff, la), la.high - la.low)
  return alpha > la.high ? la.high : alpha < la.low ? la.low : alpha
}

/** 1 / (1 + exp_safe(slope · (diff − 0.5))); the bigint reference where the series leaves the Number range. */
function sigmoidAt(diff: number, la: LiquidAlpha): number {
  const x = la.wholeSlope !== null ? la.wholeSlope * (diff - HALF) : mul(la.slope, diff - HALF)
  const e = expSafeNumber(x)
  return e !== null && ONE + e < TWO52 ? div(ONE, ONE + e) : Number(sigmoidOfDiff(BigInt(diff), BigInt(la.steepness)))
}
