/**
 * Bonds and dividends (yuma-spec §3.9). Yuma 2 ("legacy", `Yuma3On = false`): stake-scaled EMA of column-normalised
 * bonds, stored column max-upscaled. Yuma 3: per-(validator, miner) bonds in [0, 1] with a fixed or liquid alpha,
 * stake applied only at dividend time, stored as floor(b·65535) every epoch.
 */
import { div, mul, ONE } from "../fixed/fixed.ts"
import type { Csr } from "./csr.ts"
import {
  colMaxUpscale,
  colNormalize,
  columnTotals,
  CsrBuilder,
  densePerRow,
  entries,
  normalize,
  rowSizes,
  scaleRows,
  weightedRowSums,
} from "./csr.ts"
import type { LiquidAlpha } from "./liquidAlpha.ts"
import { liquidAlphaRate } from "./liquidAlpha.ts"

export interface BondsResult {
  /** Bonds as they will be stored (before u16 quantisation). */
  readonly stored: Csr
  /** D: normalised dividends, I32F32 raw bits. */
  readonly dividends: Array<number>
}

/** `mat_ema_sparse`: α·new + (1−α)·old, densified, keeping positive values in column order. */
export function emaFixedAlpha(next: Csr, old: Csr, alpha: number): Csr {
  const keep = ONE - alpha
  return densePerRow(next.n, entries(next) + entries(old), rowSizes(next, old), (i, acc, touch) => {
    for (let k = next.start[i]!; k < next.start[i + 1]!; k++) {
      acc[next.j[k]!] = acc[next.j[k]!]! + mul(alpha, next.v[k]!)
      touch?.(next.j[k]!)
    }
    for (let k = old.start[i]!; k < old.start[i + 1]!; k++) {
      acc[old.j[k]!] = acc[old.j[k]!]! + mul(keep, old.v[k]!)
      touch?.(old.j[k]!)
    }
  })
}

/** Yuma 2 bonds and dividends; `bonds` are the stored u16 values as raw I32F32 (u16 << 32), already masked. */
export function legacyBonds(
  weightsForBonds: Csr,
  bonds: Csr,
  activeStake: ReadonlyArray<number>,
  incentive: ReadonlyArray<number>,
  alpha: number,
): BondsResult {
  const delta = colNormalize(scaleRows(weightsForBonds, activeStake)) // ΔB = Wb ∘ A, column-normalised
  const ema = colNormalize(emaFixedAlpha(delta, colNormalize(bonds), alpha))
  const dividends = normalize(weightedRowSums(ema, incentive))
  return { stored: colMaxUpscale(ema), dividends }
}

/** Yuma 3 bonds and dividends; `bonds` are proportions (u16 / 65535), already masked. */
export function yuma3Bonds(
  weightsForBonds: Csr,
  bonds: Csr,
  consensus: ReadonlyArray<number>,
  activeStake: ReadonlyArray<number>,
  incentive: ReadonlyArray<number>,
  alpha: number,
  liquid: LiquidAlpha | null,
): BondsResult {
  const ema = liquid !== null && consensus.some((c) => c !== 0)
    ? emaLiquidAlpha(weightsForBonds, bonds, consensus, liquid)
    : emaFixedAlpha(weightsForBonds, bonds, alpha)
  const perValidator = bondWeightedIncentive(ema, incentive)
  const dividends = normalize(perValidator.map((b, i) => mul(b, activeStake[i] ?? 0)))
  return { stored: ema, dividends }
}

/**
 * Σ_j colnorm(EB)_ij · I_j per validator, without storing the normalised matrix (`mat_vec_mul_sparse` drops zero
 * products, which does not change the sum).
 */
function bondWeightedIncentive(ema: Csr, incentive: ReadonlyArray<number>): Array<number> {
  const totals = columnTotals(ema, false)
  const out = new Array<number>(ema.n)
  for (let i = 0; i < ema.n; i++) {
    let acc = 0
    for (let k = ema.start[i]!; k < ema.start[i + 1]!; k++) {
      const c = ema.j[k]!
      const total = totals[c]!
      acc += mul(total !== 0 ? div(ema.v[k]!, total) : ema.v[k]!, incentive[c]!)
    }
    out[i] = acc
  }
  return out
}

/**
 * `compute_liquid_alpha_values_sparse` + `mat_ema_alpha_sparse`. Only columns present in the new weights row are
 * emitted: a bond whose weight entry is absent drops to 0 at once, an explicit 0 weight decays it (yuma-spec §5.1).
 * So α is computed only for those columns — the runtime's dense α matrix is never read anywhere else.
 */
function emaLiquidAlpha(weights: Csr, bonds: Csr, consensus: ReadonlyArray<number>, liquid: LiquidAlpha): Csr {
  const n = weights.n
  const out = new CsrBuilder(n, entries(weights))
  const seenW = new Float64Array(n)
  const seenB = new Float64Array(n)
  const bondAt = new Float64Array(n) // the row's last bond entry per column, as the runtime's densified row holds
  for (let i = 0; i < n; i++) {
    if (weights.start[i] === weights.start[i + 1]) {
      out.endRow()
      continue
    }
    mergedView(weights, i, seenW)
    mergedView(bonds, i, seenB)
    for (let k = bonds.start[i]!; k < bonds.start[i + 1]!; k++) bondAt[bonds.j[k]!] = bonds.v[k]!
    for (let k = weights.start[i]!; k < weights.start[i + 1]!; k++) {
      const c = weights.j[k]!
      const alpha = liquidAlphaRate(consensus[c]!, seenW[c]!, seenB[c]!, liquid)
      const value = Math.min(ONE, mul(ONE - alpha, bondAt[c]!) + Math.max(0, mul(alpha, weights.v[k]!)))
      if (value > 0) out.push(c, value)
    }
    for (let k = bonds.start[i]!; k < bonds.start[i + 1]!; k++) bondAt[bonds.j[k]!] = 0
    out.endRow()
  }
  return out.done()
}

/**
 * What the runtime's peeking merge sees for each column of row i: it walks the row once in storage order, so on an
 * unsorted row some entries are never matched and read as 0, exactly as on chain. Writes into `seen` (length n).
 */
function mergedView(m: Csr, i: number, seen: Float64Array): void {
  seen.fill(0)
  let k = m.start[i]!
  const end = m.start[i + 1]!
  for (let j = 0; j < m.n && k < end; j++) {
    while (k < end && m.j[k]! < j) k++
    if (k < end && m.j[k] === j) seen[j] = m.v[k]!
  }
}

/** The fixed EMA rate: 1 − bonds_moving_average / 1e6 (I64F64 division, floored to I32F32). */
export const fixedAlpha = (bondsMovingAverage: number): number =>
  ONE - Number(((BigInt(bondsMovingAverage) << 64n) / 1_000_000n) >> 32n)
