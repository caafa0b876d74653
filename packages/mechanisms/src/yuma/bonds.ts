/**
 * Bonds and dividends (yuma-spec §3.9). Yuma 2 ("legacy", `Yuma3On = false`): stake-scaled EMA of column-normalised
 * bonds, stored column max-upscaled. Yuma 3: per-(validator, miner) bonds in [0, 1] with a fixed or liquid alpha,
 * stake applied only at dividend time, stored as floor(b·65535) every epoch.
 */
import { alphaSigmoid } from "../fixed/expSafe.ts"
import { div, mul, ONE } from "../fixed/fixed.ts"
import type { Matrix, Row } from "./sparse.ts"
import { colMaxUpscale, colNormalize, emptyRow, fromDense, normalize, rowOf, rowSums, scaleColumns, scaleRows, weightedRowSums } from "./sparse.ts"

export interface BondsResult {
  /** Bonds as they will be stored (before u16 quantisation). */
  readonly stored: Matrix
  /** D: normalised dividends, I32F32 raw bits. */
  readonly dividends: Array<number>
}

export interface LiquidAlpha {
  /** alpha_low / alpha_high as I32F32 proportions, steepness as I32F32. */
  readonly low: bigint
  readonly high: bigint
  readonly steepness: bigint
}

/** `mat_ema_sparse`: α·new + (1−α)·old, densified, keeping positive values in column order. */
export function emaFixedAlpha(next: Matrix, old: Matrix, alpha: number, n: number): Array<Row> {
  const keep = ONE - alpha
  const acc = new Float64Array(n)
  return next.map((row, i) => {
    acc.fill(0)
    for (let k = 0; k < row.j.length; k++) acc[row.j[k]!] = acc[row.j[k]!]! + mul(alpha, row.v[k]!)
    const o = old[i] ?? emptyRow()
    for (let k = 0; k < o.j.length; k++) acc[o.j[k]!] = acc[o.j[k]!]! + mul(keep, o.v[k]!)
    return fromDense(acc, (v) => v > 0)
  })
}

/** Yuma 2 bonds and dividends; `bonds` are the stored u16 values as raw I32F32 (u16 << 32), already masked. */
export function legacyBonds(
  weightsForBonds: Matrix,
  bonds: Matrix,
  activeStake: ReadonlyArray<number>,
  incentive: ReadonlyArray<number>,
  alpha: number,
  n: number,
): BondsResult {
  const delta = colNormalize(scaleRows(weightsForBonds, activeStake), n) // ΔB = Wb ∘ A, column-normalised
  const ema = colNormalize(emaFixedAlpha(delta, colNormalize(bonds, n), alpha, n), n)
  const dividends = normalize(weightedRowSums(ema, incentive))
  return { stored: colMaxUpscale(ema, n), dividends }
}

/** Yuma 3 bonds and dividends; `bonds` are proportions (u16 / 65535), already masked. */
export function yuma3Bonds(
  weightsForBonds: Matrix,
  bonds: Matrix,
  consensus: ReadonlyArray<number>,
  activeStake: ReadonlyArray<number>,
  incentive: ReadonlyArray<number>,
  alpha: number,
  liquid: LiquidAlpha | null,
  n: number,
): BondsResult {
  const ema = liquid !== null && consensus.some((c) => c !== 0)
    ? emaLiquidAlpha(weightsForBonds, bonds, consensus, liquid)
    : emaFixedAlpha(weightsForBonds, bonds, alpha, n)
  const perValidator = rowSums(scaleColumns(colNormalize(ema, n), incentive))
  const dividends = normalize(perValidator.map((b, i) => mul(b, activeStake[i] ?? 0)))
  return { stored: ema, dividends }
}

/**
 * `compute_liquid_alpha_values_sparse` + `mat_ema_alpha_sparse`. Only columns present in the new weights row are
 * emitted: a bond whose weight entry is absent drops to 0 at once, an explicit 0 weight decays it (yuma-spec §5.1).
 */
function emaLiquidAlpha(weights: Matrix, bonds: Matrix, consensus: ReadonlyArray<number>, liquid: LiquidAlpha): Matrix {
  return weights.map((wRow, i) => {
    const bRow = bonds[i] ?? emptyRow()
    const seenW = mergedView(wRow, consensus.length)
    const seenB = mergedView(bRow, consensus.length)
    const cache = new Map<number, number>()
    const alphaAt = (j: number): number => {
      let a = cache.get(j)
      if (a === undefined) {
        a = Number(alphaSigmoid(BigInt(consensus[j]!), BigInt(seenW[j]!), BigInt(seenB[j]!), liquid.low, liquid.high, liquid.steepness))
        cache.set(j, a)
      }
      return a
    }
    const decayed = new Map<number, number>()
    for (let k = 0; k < bRow.j.length; k++) {
      decayed.set(bRow.j[k]!, mul(ONE - alphaAt(bRow.j[k]!), bRow.v[k]!))
    }
    const j = new Uint16Array(wRow.j.length)
    const v = new Float64Array(wRow.j.length)
    let m = 0
    for (let k = 0; k < wRow.j.length; k++) {
      const c = wRow.j[k]!
      const increase = Math.max(0, mul(alphaAt(c), wRow.v[k]!))
      const value = Math.min(ONE, (decayed.get(c) ?? 0) + increase)
      if (value > 0) {
        j[m] = c
        v[m++] = value
      }
    }
    return rowOf(j, v, m)
  })
}

/**
 * What the runtime's peeking merge sees for column j of a row: it walks the row once in storage order, so on an
 * unsorted row some entries are never matched (they read as 0), exactly as on chain.
 */
function mergedView(row: Row, n: number): Array<number> {
  const seen = new Array<number>(n).fill(0)
  let k = 0
  for (let j = 0; j < n; j++) {
    while (k < row.j.length && row.j[k]! < j) k++
    if (k < row.j.length && row.j[k] === j) seen[j] = row.v[k]!
  }
  return seen
}

/** The fixed EMA rate: 1 − bonds_moving_average / 1e6 (I64F64 division, floored to I32F32). */
export const fixedAlpha = (bondsMovingAverage: number): number =>
  ONE - Number(((BigInt(bondsMovingAverage) << 64n) / 1_000_000n) >> 32n)

/** u16 proportion of a stored Yuma 3 bond (`fixed_to_fixed_u16_proportion`). */
export const bondProportion = (u16: number): number => div(u16 * ONE, 65535 * ONE)
