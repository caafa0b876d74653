/**
 * `Hyperparameters` read from a runtime's storage. Items a runtime does not have (spec 185 has no `StakeThreshold`,
 * no `Yuma3On`, no `LiquidAlphaOn`…) take what that runtime does instead (`WeightsMinStake` for the stake threshold;
 * Yuma 2 with full bonds penalty, as 185 computes) or core's default; the burn schedule is core's model only.
 */
import type { ApiDecoration } from "@polkadot/api/types"
import type { Codec } from "@polkadot/types/types"
import { defaultHyperparameters, type Hyperparameters } from "../Hyperparameters.ts"

type Convert = (c: Codec) => unknown
const num: Convert = (c) => Number((c as unknown as { toBigInt(): bigint }).toBigInt())
const big: Convert = (c) => (c as unknown as { toBigInt(): bigint }).toBigInt()
const bool: Convert = (c) => c.toJSON() === true

/** field → [storage item, per subnet?, conversion]; the first item the runtime has wins. */
const ITEMS: ReadonlyArray<readonly [keyof Hyperparameters, string, boolean, Convert]> = [
  ["tempo", "tempo", true, num],
  ["immunityPeriod", "immunityPeriod", true, num],
  ["maxAllowedUids", "maxAllowedUids", true, num],
  ["maxAllowedValidators", "maxAllowedValidators", true, num],
  ["minAllowedWeights", "minAllowedWeights", true, num],
  ["maxWeightLimit", "maxWeightsLimit", true, num],
  ["weightsRateLimit", "weightsSetRateLimit", true, num],
  ["weightsVersionKey", "weightsVersionKey", true, num],
  ["stakeThresholdRao", "stakeThreshold", false, big],
  ["stakeThresholdRao", "weightsMinStake", false, big],
  ["activityCutoffBlocks", "activityCutoff", true, num],
  ["registrationAllowed", "networkRegistrationAllowed", true, bool],
  ["maxRegistrationsPerBlock", "maxRegistrationsPerBlock", true, num],
  ["minBurnRao", "minBurn", true, big],
  ["maxBurnRao", "maxBurn", true, big],
  ["commitRevealEnabled", "commitRevealWeightsEnabled", true, bool],
  ["revealPeriodEpochs", "revealPeriodEpochs", true, num],
  ["kappaU16", "kappa", true, num],
  ["bondsPenaltyU16", "bondsPenalty", true, num],
  ["bondsMovingAverage", "bondsMovingAverage", true, num],
  ["yuma3", "yuma3On", true, bool],
  ["liquidAlpha", "liquidAlphaOn", true, bool],
  ["ownerCutU16", "subnetOwnerCut", false, num],
]

/** Runtimes without `Yuma3On` run Yuma 2 with bonds from clipped weights (β = 1). */
const PRE_YUMA3: Partial<Hyperparameters> = { yuma3: false, bondsPenaltyU16: 65535, liquidAlpha: false }

export async function readHyperparameters(at: ApiDecoration<"promise">, netuid: number): Promise<Hyperparameters> {
  const q = at.query["subtensorModule"]!
  const out: Record<string, unknown> = { ...defaultHyperparameters, ...("yuma3On" in q ? {} : PRE_YUMA3) }
  const chosen = new Map<string, readonly [string, boolean, Convert]>()
  for (const [field, item, perSubnet, convert] of ITEMS) {
    if (!chosen.has(field) && q[item] !== undefined) chosen.set(field, [item, perSubnet, convert])
  }
  await Promise.all([...chosen].map(async ([field, [item, perSubnet, convert]]) => {
    const entry = q[item]!
    out[field] = convert(perSubnet ? await entry(netuid) : await entry())
  }))
  return out as Hyperparameters
}
