/** Field decoders both fixture formats share (`fixture.ts`, `mechanismsFixture.ts`): lossless u64s, Yuma params. */
import { validateYumaConfig } from "../yuma/validateYumaConfig.ts"
import type { YumaConfig } from "../yuma/YumaConfig.ts"
import { array, bool, int, join, u16, U64_MAX } from "./checks.ts"
import { InvalidInput } from "./InvalidInput.ts"

/** A JSON integer (number or lossless bigint, see `parseJson`) as a u64 bigint. */
export function jsonU64(x: unknown, path: string): bigint {
  const v = typeof x === "number" && Number.isInteger(x) ? BigInt(x) : x
  if (typeof v !== "bigint") {
    throw new InvalidInput(
      path,
      `expected a non-negative integer, got ${typeof x === "string" ? JSON.stringify(x) : String(x)}`,
    )
  }
  if (v < 0n || v > U64_MAX) throw new InvalidInput(path, `${v} is out of the u64 range`)
  return v
}

export const jsonU64s = (x: unknown, path: string) => array(x, path).map((v, i) => jsonU64(v, join(path, i)))

/** The Yuma hyperparameters' names in a fixture file. */
export const YUMA_PARAMS = [
  "kappa_u16",
  "bonds_penalty_u16",
  "bonds_moving_average",
  "liquid_alpha_enabled",
  "alpha_low_u16",
  "alpha_high_u16",
  "alpha_sigmoid_steepness",
  "yuma3_enabled",
]

/** The Yuma hyperparameters of a fixture, by their runtime names; `pathOf` says where the file holds each one. */
export function decodeYumaConfig(value: (name: string) => unknown, pathOf: (name: string) => string): YumaConfig {
  const field = <A>(name: string, check: (x: unknown, path: string) => A) => check(value(name), pathOf(name))
  const config = {
    yuma3: field("yuma3_enabled", bool),
    kappaU16: field("kappa_u16", u16),
    bondsPenaltyU16: field("bonds_penalty_u16", u16),
    bondsMovingAverage: field("bonds_moving_average", (x, p) => int(x, p, 0, 1_000_000)),
    liquidAlpha: field("liquid_alpha_enabled", bool),
    alphaLowU16: field("alpha_low_u16", u16),
    alphaHighU16: field("alpha_high_u16", u16),
    alphaSigmoidSteepness: field("alpha_sigmoid_steepness", (x, p) => int(x, p, -32768, 32767)),
  }
  if (config.alphaLowU16 > config.alphaHighU16) {
    const reason = `alpha low ${config.alphaLowU16} is above alpha high ${config.alphaHighU16}`
    throw new InvalidInput(pathOf("alpha_low_u16"), reason)
  }
  return validateYumaConfig(config)
}

/** The fixture formats' name of each `EpochInput` / `SubnetEpochInput` field (the runtime's). */
export const FIXTURE_FIELD: Readonly<Record<string, string>> = {
  n: "n",
  block: "block",
  tempo: "tempo",
  activityCutoffBlocks: "activity_cutoff_blocks",
  lastMechanismStepBlock: "last_mechanism_step_block",
  lastUpdate: "last_update",
  blockAtRegistration: "block_at_registration",
  alphaStakeRao: "alpha_stake",
  taoStakeRao: "tao_stake",
  taoWeightU64: "tao_weight_u64",
  stakeThresholdRao: "stake_threshold",
  ownerUid: "owner_uid",
  maxAllowedValidators: "max_allowed_validators",
  permits: "permits_in",
  weights: "weights",
  bonds: "bonds_in",
  commitBlocks: "commit_reveal_commit_blocks",
  raoEmission: "rao_emission",
  emissionSplit: "emission_split",
  mechanisms: "mechanisms",
}
