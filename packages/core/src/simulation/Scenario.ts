/**
 * A simulation scenario: which subnet and mechanism, the chain's hyperparameters, how long, and who takes part —
 * miner groups and validator groups, each with a profile (how it behaves) and its parameters. It is a JSON document
 * (`subnet simulate --print-scenario` prints the default one), decoded here once with every problem named.
 */
import { Schema } from "effect"
import { defaultHyperparameters, Hyperparameters } from "../chain/Hyperparameters.ts"

const NonNegative = Schema.Finite.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const Positive = Schema.Finite.pipe(Schema.check(Schema.isGreaterThan(0)))
const PositiveInt = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))
const NonNegativeInt = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const GroupName = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/)))
/** A profile's own parameters; each profile checks the ones it reads. */
const Params = Schema.Record(Schema.String, Schema.Unknown)

export const MinerGroup = Schema.Struct({
  name: GroupName,
  /** A built-in miner profile (honest, lazy, copycat, sybil, slow, random, offline) or a module path. */
  profile: Schema.String,
  /** Operators in the group (a sybil operator registers several hotkeys). */
  count: PositiveInt,
  params: Schema.optionalKey(Params),
  /** The epoch the group registers in (default 0: before the run), and the one it goes offline for good. */
  joinEpoch: Schema.optionalKey(NonNegativeInt),
  leaveEpoch: Schema.optionalKey(NonNegativeInt),
  /** One operator's model: ms per answer and answers in parallel (defaults: the scenario's). */
  serviceMs: Schema.optionalKey(Positive),
  capacity: Schema.optionalKey(PositiveInt),
  /** Running cost of one operator per epoch (servers, power), in TAO. */
  costTaoPerEpoch: Schema.optionalKey(NonNegative),
})
export type MinerGroup = typeof MinerGroup.Type

export const ValidatorGroup = Schema.Struct({
  name: GroupName,
  /** A built-in validator profile (honest, weight-copier, cabal, lazy) or a module path. */
  profile: Schema.String,
  count: PositiveInt,
  /** Stake of each validator of the group, in TAO. */
  stakeTao: Positive,
  params: Schema.optionalKey(Params),
  costTaoPerEpoch: Schema.optionalKey(NonNegative),
})
export type ValidatorGroup = typeof ValidatorGroup.Type

export const Scenario = Schema.Struct({
  /** A built-in subnet name or a module path whose default export is a `defineSubnet` result. */
  subnet: Schema.String,
  /** "yuma" (Yuma with the hyperparameters below), a mechanism name (yuma3, yuma2, wta, …) or a module path. */
  mechanism: Schema.String,
  epochs: PositiveInt.pipe(Schema.check(Schema.isLessThanOrEqualTo(1_000_000))),
  seed: NonNegativeInt,
  /** Validator steps per epoch (at most tempo + 1, the blocks of an epoch); the epoch's blocks are shared evenly between them. */
  roundsPerEpoch: PositiveInt,
  /** Miners each validator queries per step. */
  sampleSize: PositiveInt,
  /** The validators' request timeout, in simulated ms. */
  timeoutMs: Positive,
  /** Defaults for every miner operator's model: ms per answer, answers in parallel. */
  serviceMs: Positive,
  capacity: PositiveInt,
  /** Hyperparameters that differ from the chain's defaults (rao amounts as strings). */
  hyperparameters: Schema.Record(Schema.String, Schema.Unknown),
  miners: Schema.Array(MinerGroup).pipe(Schema.check(Schema.isMinLength(1))),
  validators: Schema.Array(ValidatorGroup).pipe(Schema.check(Schema.isMinLength(1))),
})
export type Scenario = typeof Scenario.Type

/** A scenario that cannot be run; `path` names the field (`miners[2].params.quality`). */
export class ScenarioError extends Schema.TaggedError<ScenarioError>()("ScenarioError", {
  path: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `Scenario ${this.path === "" ? "" : `${this.path}: `}${this.detail}`
  }
}

/**
 * The default population on the arithmetic example subnet: every miner profile against honest validators, a
 * weight-copier and a lazy validator. Costs are illustrative: a model server costs more than a script that copies.
 */
export const defaultScenario: Scenario = {
  subnet: "arithmetic",
  mechanism: "yuma",
  epochs: 60,
  seed: 1,
  roundsPerEpoch: 2,
  sampleSize: 12,
  timeoutMs: 1000,
  serviceMs: 300,
  capacity: 1,
  // Every registration burns the same 1 TAO (no ×1.26 growth), so profiles are compared on equal terms.
  hyperparameters: { tempo: 20, weightsRateLimit: 20, burnIncreaseMilli: 1000 },
  miners: [
    { name: "honest", profile: "honest", count: 6, costTaoPerEpoch: 0.2 },
    { name: "lazy", profile: "lazy", count: 3, params: { quality: 0.3 }, costTaoPerEpoch: 0.05 },
    { name: "copycat", profile: "copycat", count: 2, params: { copies: "honest" }, costTaoPerEpoch: 0.01 },
    { name: "sybil", profile: "sybil", count: 2, params: { hotkeys: 4 }, costTaoPerEpoch: 0.2 },
    { name: "slow", profile: "slow", count: 3, params: { lateProbability: 0.5 }, costTaoPerEpoch: 0.1 },
    { name: "random", profile: "random", count: 3, costTaoPerEpoch: 0.01 },
    { name: "offline", profile: "offline", count: 3, params: { uptime: 0.5 }, costTaoPerEpoch: 0.1 },
  ],
  validators: [
    { name: "honest", profile: "honest", count: 3, stakeTao: 1000, costTaoPerEpoch: 0.2 },
    { name: "copier", profile: "weight-copier", count: 1, stakeTao: 500, costTaoPerEpoch: 0.01 },
    { name: "lazy", profile: "lazy", count: 1, stakeTao: 300, params: { everyEpochs: 4 }, costTaoPerEpoch: 0.05 },
  ],
}

const decodeScenarioSync = Schema.decodeUnknownSync(Scenario)

/** Decodes and checks a scenario: shape, unique group names, rounds that fit in an epoch, hyperparameters. */
export function decodeScenario(input: unknown): Scenario {
  let scenario: Scenario
  try {
    scenario = decodeScenarioSync(input, { errors: "all", onExcessProperty: "error" })
  } catch (e) {
    throw new ScenarioError({ path: "", detail: String(e).replace(/\s+/g, " ") })
  }
  hyperparametersOf(scenario)
  for (const [kind, groups] of [["miners", scenario.miners], ["validators", scenario.validators]] as const) {
    const seen = new Set<string>()
    groups.forEach((g, i) => {
      if (seen.has(g.name)) throw new ScenarioError({ path: `${kind}[${i}].name`, detail: `"${g.name}" names two ${kind} groups` })
      seen.add(g.name)
    })
  }
  scenario.miners.forEach((g, i) => {
    if (g.leaveEpoch !== undefined && g.leaveEpoch <= (g.joinEpoch ?? 0)) {
      throw new ScenarioError({ path: `miners[${i}].leaveEpoch`, detail: `must be after joinEpoch (${g.joinEpoch ?? 0})` })
    }
  })
  const { tempo } = hyperparametersOf(scenario)
  if (scenario.roundsPerEpoch > tempo + 1) {
    throw new ScenarioError({ path: "roundsPerEpoch", detail: `${scenario.roundsPerEpoch} rounds do not fit in an epoch of tempo + 1 = ${tempo + 1} blocks` })
  }
  return scenario
}

/** The chain's hyperparameters for a scenario: defaults, then the scenario's changes, checked. */
export function hyperparametersOf(scenario: Scenario): Hyperparameters {
  for (const key of Object.keys(scenario.hyperparameters)) {
    if (!(key in defaultHyperparameters)) {
      throw new ScenarioError({ path: `hyperparameters.${key}`, detail: `unknown hyperparameter (known: ${Object.keys(defaultHyperparameters).join(", ")})` })
    }
  }
  const encoded = Schema.encodeSync(Hyperparameters)(defaultHyperparameters)
  try {
    return Schema.decodeUnknownSync(Hyperparameters)({ ...encoded, ...scenario.hyperparameters }, { errors: "all" })
  } catch (e) {
    throw new ScenarioError({ path: "hyperparameters", detail: String(e).replace(/\s+/g, " ") })
  }
}
