/**
 * The frame the alternative mechanisms share. They use the chain's own masks and payout (prepareEpoch, payout),
 * so only the incentive rule differs from Yuma: miner support is the stake-weighted mean of validators' weights
 * (no κ-clipping, no bonds), and validators earn dividends in proportion to stake × how much of their weight
 * went to what was rewarded.
 */
import { mul, ONE } from "../fixed/fixed.ts"
import { validateEpochInput } from "../input/validateEpochInput.ts"
import type { EpochInput, EpochOutput, Mechanism } from "../Mechanism.ts"
import { normalize, weightedColumnSums, weightedRowSums } from "../yuma/csr.ts"
import { payout } from "../yuma/payout.ts"
import { prepareEpoch } from "../yuma/prepareEpoch.ts"

/** From per-miner support (stake-weighted mean weight, I32F32 bits) to incentive (I32F32 bits summing to 1 or all 0). */
export type IncentiveRule = (support: ReadonlyArray<number>) => Array<number>

export function alternativeMechanism(name: string, description: string, rule: IncentiveRule): Mechanism {
  return { name, description, epoch: (input) => alternativeEpoch(validateEpochInput(input), rule) }
}

function alternativeEpoch(input: EpochInput, rule: IncentiveRule): EpochOutput {
  const prepared = prepareEpoch(input)
  const { weights, activeStake } = prepared
  const support = weightedColumnSums(weights, activeStake)
  const incentive = rule(support)
  const rewarded = incentive.map((x) => (x > 0 ? 1 : 0))
  const validatorTrust = weightedRowSums(weights, rewarded.map((r) => r * ONE)) // Σ of weight on rewarded miners
  const dividends = normalize(weightedRowSums(weights, incentive).map((x, i) => mul(x, activeStake[i]!)))
  return payout(input, prepared, { consensus: support, validatorTrust, incentive, dividends, bonds: null })
}

/** Equal shares (I32F32) for the chosen uids; all zeros when none is chosen. */
export function equalShares(n: number, chosen: ReadonlyArray<number>): Array<number> {
  const out = new Array<number>(n).fill(0)
  for (const j of chosen) out[j] = 1
  return normalize(out.map((x) => x * ONE))
}
