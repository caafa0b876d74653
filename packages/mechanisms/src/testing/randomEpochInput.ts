/**
 * Seeded random epoch inputs, for property tests and benchmarks. `density` 1 gives dense weights: every
 * validator weights every other uid, the worst case for the epoch's O(n²) steps.
 */
import type { EpochInput, SparseRowU16 } from "../Mechanism.ts"
import { mulberry32 } from "./random.ts"

export interface RandomEpochOptions {
  readonly n: number
  readonly seed: number
  /** Fraction of uids that are validators (have stake and set weights); default 0.25, at least 1. */
  readonly validatorFraction?: number
  /** Probability that a validator weights a given uid; default 0.5. */
  readonly density?: number
  /** Give every validator a random bonds row as well; default true. */
  readonly withBonds?: boolean
  /** Rows as compact `U16Row`s (as a chain stores them) rather than `[uid, value]` pairs; default false. */
  readonly compact?: boolean
}

export function randomEpochInput(options: RandomEpochOptions): EpochInput {
  const { n } = options
  const rand = mulberry32(options.seed)
  const validators = Math.max(1, Math.round(n * (options.validatorFraction ?? 0.25)))
  const density = options.density ?? 0.5
  const block = 1000
  const isValidator = (i: number) => i < validators
  const sparseRow = (i: number, p: number): SparseRowU16 => {
    const row: Array<[number, number]> = []
    for (let j = 0; j < n; j++) if (j !== i && rand() < p) row.push([j, Math.floor(rand() * 65536)])
    if (!options.compact) return row
    return { uids: Uint16Array.from(row, ([j]) => j), values: Uint16Array.from(row, ([, v]) => v) }
  }
  return {
    n,
    block,
    tempo: 100,
    activityCutoffBlocks: 5000,
    lastMechanismStepBlock: 900,
    lastUpdate: Array.from({ length: n }, () => block - Math.floor(rand() * 50)),
    blockAtRegistration: Array.from({ length: n }, () => Math.floor(rand() * 800)),
    // Distinct stakes, so top-k permits have no ties.
    alphaStakeRao: Array.from(
      { length: n },
      (_, i) => isValidator(i) ? BigInt(Math.floor(rand() * 1e12)) * 1000n + BigInt(i) : BigInt(i),
    ),
    taoStakeRao: Array.from({ length: n }, () => BigInt(Math.floor(rand() * 1e9))),
    taoWeightU64: 971718665099567868n,
    stakeThresholdRao: 0n,
    ownerUid: null,
    maxAllowedValidators: Math.max(1, validators),
    permits: Array.from({ length: n }, (_, i) => isValidator(i)),
    weights: Array.from({ length: n }, (_, i) => (isValidator(i) ? sparseRow(i, density) : [])),
    bonds: Array.from(
      { length: n },
      (_, i) => (isValidator(i) && options.withBonds !== false ? sparseRow(i, density) : []),
    ),
    commitBlocks: null,
    raoEmission: 1_000_000_000n,
  }
}
