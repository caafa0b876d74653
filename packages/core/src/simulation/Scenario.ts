/**
 * A simulation scenario: which subnet and mechanism, the chain's hyperparameters, how long, and who takes part —
 * miner groups and validator groups, each with a profile (how it behaves) and its parameters. It is a JSON document
 * (`subnet simulate --print-scenario` prints the default one), decoded here once with every problem named.
 */
import { Schema, SchemaIssue } from "effect"
import { defaultHyperparameters, Hyperparameters } from "../chain/Hyperparameters.ts"

// Every number is bounded, so nothing downstream overflows or turns into Infinity: stakes and costs are at most the
// TAO supply (21M TAO, 2.1e16 rao: far inside u64), counts fit a u16 uid, epochs a million, seeds 32 bits.
const TAO_SUPPLY = 21_000_000
const MAX_UIDS = 65_535
const range = (min: number, max: number) =>
  Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: min, maximum: max })))
const intRange = (min: number, max: number) =>
  Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: min, maximum: max })))
/** TAO per epoch spent running a neuron. */
const Cost = range(0, TAO_SUPPLY)
/** Simulated milliseconds (at most a day). */
const Millis = range(1e-3, 86_400_000)
const Count = intRange(1, MAX_UIDS)
const Epoch = intRange(0, 1_000_000)
const GroupName = Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/)))
/** A profile's own parameters; each profile checks the ones it reads. */
const Params = Schema.Record(Schema.String, Schema.Unknown)

export const MinerGroup = Schema.Struct({
  name: GroupName,
  /** A built-in miner profile (honest, lazy, copycat, sybil, slow, random, offline) or a module path. */
  profile: Schema.String,
  /** Operators in the group (a sybil operator registers several hotkeys). */
  count: Count,
  params: Schema.optionalKey(Params),
  /** The epoch the group registers in (default 0: before the run), and the one it goes offline for good. */
  joinEpoch: Schema.optionalKey(Epoch),
  leaveEpoch: Schema.optionalKey(Epoch),
  /** One operator's model: ms per answer and answers in parallel (defaults: the scenario's). */
  serviceMs: Schema.optionalKey(Millis),
  capacity: Schema.optionalKey(Count),
  /** Running cost of one operator per epoch (servers, power), in TAO. */
  costTaoPerEpoch: Schema.optionalKey(Cost),
})
export type MinerGroup = typeof MinerGroup.Type

export const ValidatorGroup = Schema.Struct({
  name: GroupName,
  /** A built-in validator profile (honest, fresh-copier, weight-copier, cabal, lazy) or a module path. */
  profile: Schema.String,
  count: Count,
  /** Stake of each validator of the group, in TAO: at least 1 rao, at most the TAO supply. */
  stakeTao: range(1e-9, TAO_SUPPLY),
  params: Schema.optionalKey(Params),
  costTaoPerEpoch: Schema.optionalKey(Cost),
})
export type ValidatorGroup = typeof ValidatorGroup.Type

export const Scenario = Schema.Struct({
  /** A built-in subnet name or a module path whose default export is a `defineSubnet` result. */
  subnet: Schema.String,
  /** "yuma" (Yuma with the hyperparameters below), a mechanism name (yuma3, yuma2, wta, …) or a module path. */
  mechanism: Schema.String,
  epochs: intRange(1, 1_000_000),
  seed: intRange(0, 0xffff_ffff),
  /** Validator steps per epoch (at most tempo + 1, the blocks of an epoch); the epoch's blocks are shared evenly between them. */
  roundsPerEpoch: Count,
  /** Miners each validator queries per step. */
  sampleSize: Count,
  /** The validators' request timeout, in simulated ms. */
  timeoutMs: Millis,
  /** Defaults for every miner operator's model: ms per answer, answers in parallel. */
  serviceMs: Millis,
  capacity: Count,
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
    return this.path === "" ? this.detail : `${this.path}: ${this.detail}`
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
    throw schemaProblem(e, input, "")
  }
  hyperparametersOf(scenario)
  const totalStake = scenario.validators.reduce((sum, g) => sum + g.stakeTao * g.count, 0)
  if (totalStake > TAO_SUPPLY) {
    throw new ScenarioError({
      path: "validators",
      detail: `${totalStake} TAO staked in all exceeds the TAO supply (${TAO_SUPPLY})`,
    })
  }
  for (const [kind, groups] of [["miners", scenario.miners], ["validators", scenario.validators]] as const) {
    const seen = new Set<string>()
    groups.forEach((g, i) => {
      if (seen.has(g.name)) {
        throw new ScenarioError({ path: `${kind}[${i}].name`, detail: `"${g.name}" names two ${kind} groups` })
      }
      seen.add(g.name)
    })
  }
  scenario.miners.forEach((g, i) => {
    if (g.leaveEpoch !== undefined && g.leaveEpoch <= (g.joinEpoch ?? 0)) {
      throw new ScenarioError({
        path: `miners[${i}].leaveEpoch`,
        detail: `must be after joinEpoch (${g.joinEpoch ?? 0})`,
      })
    }
  })
  const { tempo } = hyperparametersOf(scenario)
  if (scenario.roundsPerEpoch > tempo + 1) {
    throw new ScenarioError({
      path: "roundsPerEpoch",
      detail: `${scenario.roundsPerEpoch} rounds do not fit in an epoch of tempo + 1 = ${tempo + 1} blocks`,
    })
  }
  return scenario
}

/** The chain's hyperparameters for a scenario: defaults, then the scenario's changes, checked. */
export function hyperparametersOf(scenario: Scenario): Hyperparameters {
  for (const key of Object.keys(scenario.hyperparameters)) {
    if (!(key in defaultHyperparameters)) {
      throw new ScenarioError({
        path: `hyperparameters.${key}`,
        detail: `unknown hyperparameter (known: ${Object.keys(defaultHyperparameters).join(", ")})`,
      })
    }
  }
  const encoded = Schema.encodeSync(Hyperparameters)(defaultHyperparameters)
  try {
    return Schema.decodeUnknownSync(Hyperparameters)({ ...encoded, ...scenario.hyperparameters }, { errors: "all" })
  } catch (e) {
    throw schemaProblem(e, scenario.hyperparameters, "hyperparameters")
  }
}

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1()

/** `miners[0].count` from `["miners", 0, "count"]`, under `prefix`. */
const pathText = (prefix: string, path: ReadonlyArray<PropertyKey>) =>
  path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`),
    prefix,
  )

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>(
    (v, key) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  )

/** A schema failure as `path: reason, got value` (the first problem; the others follow after `;`). */
function schemaProblem(e: unknown, input: unknown, prefix: string): ScenarioError {
  if (!Schema.isSchemaError(e)) throw e
  const problems = formatIssues(e.issue).issues.map((issue) => {
    const path = (issue.path ?? []).map((p) =>
      (typeof p === "object" && p !== null && "key" in p ? p.key : p) as PropertyKey
    )
    const value = valueAt(input, path)
    const got = value === undefined || typeof value === "object"
      ? ""
      : `, got ${JSON.stringify(value) ?? String(value)}`
    const reason = issue.message === "Expected no excess property"
      ? "unknown field"
      : issue.message.replace(/^Expected/, "expected")
    return { path: pathText(prefix, path), detail: `${reason}${got}` }
  })
  const [first, ...rest] = problems
  if (first === undefined) return new ScenarioError({ path: prefix, detail: String(e) })
  return new ScenarioError({
    path: first.path,
    detail: first.detail + rest.map((p) => `; ${p.path}: ${p.detail}`).join(""),
  })
}
