/** Subnet hyperparameters the mock chain enforces (subtensor storage names in comments) and their defaults. */
import { Schema } from "effect"

const U16 = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 65535 })))
const Blocks = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

export const Hyperparameters = Schema.Struct({
  /** `Tempo`: blocks between epochs. */
  tempo: U16.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  /** `ImmunityPeriod`: blocks after registration during which a uid is not pruned. */
  immunityPeriod: Blocks,
  /** `MaxAllowedUids`. */
  maxAllowedUids: U16.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  /** `MaxAllowedValidators`: top-k stake permits. */
  maxAllowedValidators: U16,
  /** `MinAllowedWeights`: a weights vector needs at least this many entries (or n, if smaller). */
  minAllowedWeights: U16,
  /** `MaxWeightsLimit`: the largest normalised weight, u16 proportion (65535 = no limit). */
  maxWeightLimit: U16,
  /** `WeightsSetRateLimit`: blocks between two set_weights of one uid. */
  weightsRateLimit: Blocks,
  /** `WeightsVersionKey`: set_weights with a lower version_key is refused (0 = no check). */
  weightsVersionKey: Blocks,
  /** `StakeThreshold` (rao): minimum stake to set weights, and to count in the epoch. */
  stakeThresholdRao: Schema.BigIntFromString,
  /** `ActivityCutoff` (blocks). */
  activityCutoffBlocks: Blocks,
  /** `NetworkRegistrationAllowed`. */
  registrationAllowed: Schema.Boolean,
  /** `MaxRegistrationsPerBlock`. */
  maxRegistrationsPerBlock: U16,
  /** `MinBurn`, `MaxBurn` (rao) and `BurnHalfLife` (blocks) / `BurnIncreaseMult` (×1000) of the registration burn. */
  minBurnRao: Schema.BigIntFromString,
  maxBurnRao: Schema.BigIntFromString,
  burnHalfLifeBlocks: U16,
  burnIncreaseMilli: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1000))),
  /** `MinNonImmuneUids`: pruning keeps at least this many non-immune uids. */
  minNonImmuneUids: U16,
  /** `CommitRevealWeightsEnabled` and `RevealPeriodEpochs`. */
  commitRevealEnabled: Schema.Boolean,
  revealPeriodEpochs: Blocks.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Yuma parameters (`Kappa`, `BondsPenalty`, `BondsMovingAverage`, `Yuma3On`, `LiquidAlphaOn`, `AlphaValues`). */
  kappaU16: U16,
  bondsPenaltyU16: U16,
  bondsMovingAverage: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000 }))),
  yuma3: Schema.Boolean,
  liquidAlpha: Schema.Boolean,
  alphaLowU16: U16,
  alphaHighU16: U16,
  /** `SubnetOwnerCut`, u16 proportion of the subnet's emission (11796 ≈ 18%). */
  ownerCutU16: U16,
})
export type Hyperparameters = typeof Hyperparameters.Type

/**
 * Mainnet-like defaults for a new subnet. One difference from the runtime: commit-reveal is off (the runtime
 * default is on); set `commitRevealEnabled: true` to mirror mainnet.
 */
export const defaultHyperparameters: Hyperparameters = {
  tempo: 360,
  immunityPeriod: 5000,
  maxAllowedUids: 256,
  maxAllowedValidators: 64,
  minAllowedWeights: 1,
  maxWeightLimit: 65535,
  weightsRateLimit: 100,
  weightsVersionKey: 0,
  stakeThresholdRao: 0n,
  activityCutoffBlocks: 5000,
  registrationAllowed: true,
  maxRegistrationsPerBlock: 1,
  minBurnRao: 500_000n,
  maxBurnRao: 100_000_000_000n,
  burnHalfLifeBlocks: 360,
  burnIncreaseMilli: 1260,
  minNonImmuneUids: 10,
  commitRevealEnabled: false,
  revealPeriodEpochs: 1,
  kappaU16: 32767,
  bondsPenaltyU16: 65535,
  bondsMovingAverage: 900000,
  yuma3: true,
  liquidAlpha: false,
  alphaLowU16: 45875,
  alphaHighU16: 58982,
  ownerCutU16: 11796,
}

const HYPERPARAMETER_NAMES = Object.keys(Hyperparameters.fields)
/** The JavaScript type of each hyperparameter's value (`tempo` a number, `minBurnRao` a bigint, …). */
const VALUE_TYPE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(defaultHyperparameters).map(([name, value]) => [name, typeof value]),
)

/**
 * A hyperparameter patch: known names with values of the right type. Their bounds (tempo ≥ 1, …) are the chain's
 * to check, which refuses a bad one with `InvalidHyperparameter` as the runtime does.
 */
export const HyperparametersPatch = Schema.Record(Schema.String, Schema.Unknown).pipe(
  Schema.check(Schema.makeFilter((patch: Readonly<Record<string, unknown>>) => {
    const unknown = Object.keys(patch).filter((k) => !HYPERPARAMETER_NAMES.includes(k))
    return unknown.length === 0 || `unknown hyperparameter(s): ${unknown.slice(0, 5).join(", ")}`
  })),
  Schema.refine(
    (patch): patch is Partial<Hyperparameters> =>
      Object.entries(patch).every(([name, value]) => typeof value === VALUE_TYPE[name]),
    { expected: "hyperparameter values of their types (numbers, bigints for rao, booleans)" },
  ),
)
