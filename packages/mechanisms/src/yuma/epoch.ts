/**
 * The Yuma Consensus epoch as the subtensor runtime computes it (`epoch_mechanism`, the sparse production path;
 * yuma-spec §3–§5), bit-exact: every intermediate is I32F32 with the runtime's rounding.
 */
import { u16Proportion } from "../fixed/fixed.ts"
import type { EpochInput, EpochOutput } from "../Mechanism.ts"
import { fixedAlpha, legacyBonds, yuma3Bonds } from "./bonds.ts"
import { colClip, interpolate, normalize, rowSums, weightedColumnSums } from "./csr.ts"
import { liquidAlpha } from "./liquidAlpha.ts"
import { payout } from "./payout.ts"
import { prepareEpoch } from "./prepareEpoch.ts"
import { storedToCsr } from "./storedToCsr.ts"
import { weightedMedianColumns } from "./weightedMedian.ts"
import type { YumaConfig } from "./YumaConfig.ts"

/** Runs one epoch on a validated input (`validateEpochInput`). */
export function yumaEpoch(config: YumaConfig, input: EpochInput): EpochOutput {
  const prepared = prepareEpoch(input)
  const { weights, activeStake } = prepared

  // Consensus, clipping, trust, incentive (§3.6–3.7).
  const consensus = weightedMedianColumns(activeStake, weights, u16Proportion(config.kappaU16))
  const clipped = colClip(weights, consensus)
  const validatorTrust = rowSums(clipped)
  const incentive = normalize(weightedColumnSums(clipped, activeStake))
  const weightsForBonds = interpolate(weights, clipped, u16Proportion(config.bondsPenaltyU16))

  // Bonds and dividends (§3.9): bonds to uids registered since the last epoch are dropped.
  const lastTempo = input.lastMechanismStepBlock === 0
    ? Math.max(0, input.block - input.tempo)
    : input.lastMechanismStepBlock + 1
  const storedBonds = (proportions: boolean) =>
    storedToCsr(input.bonds, input.n, {
      blockAtRegistration: input.blockAtRegistration,
      registeredBefore: new Float64Array(input.n).fill(lastTempo),
      proportions,
    })
  const alpha = fixedAlpha(config.bondsMovingAverage)
  const { stored, dividends } = config.yuma3
    ? yuma3Bonds(
      weightsForBonds,
      storedBonds(true), // `fixed_to_fixed_u16_proportion`
      consensus,
      activeStake,
      incentive,
      alpha,
      config.liquidAlpha ? liquidAlpha(config.alphaLowU16, config.alphaHighU16, config.alphaSigmoidSteepness) : null,
    )
    : legacyBonds(weightsForBonds, storedBonds(false), activeStake, incentive, alpha)

  return payout(input, prepared, { consensus, validatorTrust, incentive, dividends, bonds: stored })
}
