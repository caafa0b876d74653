/**
 * The multi-mechanism fixture format (`fixtures/yuma-mechanisms/README.md`): the single format's subnet fields,
 * `commit_reveal_enabled`, `emission_split`, and per epoch a `mechanisms` list holding each mechanism's `weights`,
 * `bonds_in`, `last_update` and `commit_reveal_commit_blocks`. Any subnet field may sit in `params` or in an epoch
 * (the epoch's value wins). Decoding checks every field and maps it to `YumaConfig` + `SubnetEpochInput`.
 */
import type { SubnetEpochInput, SubnetEpochOutput } from "../multiMechanism/SubnetEpoch.ts"
import { validateSubnetEpochInput } from "../multiMechanism/validateSubnetEpochInput.ts"
import type { YumaConfig } from "../yuma/YumaConfig.ts"
import { array, bool, int, join, record } from "./checks.ts"
import type { FixtureOut } from "./fixture.ts"
import { toFixtureOut } from "./fixture.ts"
import { decodeYumaConfig, FIXTURE_FIELD, jsonU64, jsonU64s, YUMA_PARAMS } from "./fixtureFields.ts"
import { InvalidInput } from "./InvalidInput.ts"

/** A mechanism's `out`: the single format's, and the three terms the fold reads. */
export interface MechanismFixtureOut extends FixtureOut {
  readonly SW: Array<number>
  readonly active: Array<boolean>
  readonly stake: Array<bigint>
}

/** The subnet's `out`: the split, the mechanisms' U64F64 weights (raw bits) and the folded terms. */
export interface AggregatedFixtureOut {
  readonly split: Array<bigint>
  readonly mech_weight_bits: Array<bigint>
  readonly permits: Array<boolean>
  readonly active: Array<boolean>
  readonly C: Array<number>
  readonly VT: Array<number>
  readonly I: Array<number>
  readonly D: Array<number>
  readonly SW: Array<number>
  readonly E_srv: Array<bigint>
  readonly E_val: Array<bigint>
  readonly E: Array<bigint>
  readonly stake: Array<bigint>
}

/** An epoch's results in the file's shape: `mechanisms[k].out` and the aggregated `out`. */
export interface MechanismsFixtureEpochOut {
  readonly mechanisms: Array<{ readonly out: MechanismFixtureOut }>
  readonly out: AggregatedFixtureOut
}

export interface MechanismsFixtureEpoch {
  readonly i: number
  readonly label: string
  /** The epoch's Yuma hyperparameters (they may differ between epochs). */
  readonly config: YumaConfig
  readonly input: SubnetEpochInput
  /** What the file expects, in `MechanismsFixtureEpochOut`'s shape (`undefined` where it has none); not checked. */
  readonly expected: { readonly mechanisms: ReadonlyArray<{ readonly out: unknown }>; readonly out: unknown }
}

export interface MechanismsFixture {
  readonly scenario: string
  readonly epochs: ReadonlyArray<MechanismsFixtureEpoch>
}

const PER_MECHANISM = ["weights", "bonds_in", "last_update", "commit_reveal_commit_blocks"]
/** The fields of the subnet: every epoch input but the per-mechanism ones, the hyperparameters, commit-reveal. */
const SUBNET = [
  ...Object.values(FIXTURE_FIELD).filter((name) => !PER_MECHANISM.includes(name)),
  ...YUMA_PARAMS,
  "commit_reveal_enabled",
]

/** Whether a parsed fixture file is in this format (a `mechanisms` list in `params` or in an epoch). */
export function isMechanismsFixture(x: unknown): boolean {
  const has = (o: unknown) => typeof o === "object" && o !== null && "mechanisms" in o
  const file = x as { params?: unknown; epochs?: unknown } | null
  return has(file?.params) || (Array.isArray(file?.epochs) && file.epochs.some(has))
}

/**
 * Decodes a parsed multi-mechanism fixture file (see `parseJson`). The `out` fields are kept but not checked.
 * @throws {InvalidInput} naming the field as the file spells it (`epochs[1].mechanisms[0].weights[2][0][0]`).
 */
export function decodeMechanismsFixture(x: unknown): MechanismsFixture {
  const top = record(x, "", ["scenario", "note", "params", "epochs"])
  if (typeof top.scenario !== "string") throw new InvalidInput("scenario", "expected a string")
  const params = subnetRecord(top.params, "params", [])
  const epochs = array(top.epochs, "epochs").map((e, k) => decodeEpoch(params, e, `epochs[${k}]`))
  return { scenario: top.scenario, epochs }
}

function decodeEpoch(params: Record<string, unknown>, e: unknown, path: string): MechanismsFixtureEpoch {
  const own = subnetRecord(e, path, ["i", "label", "out"])
  if (typeof own.label !== "string") throw new InvalidInput(`${path}.label`, "expected a string")
  const fields: Record<string, unknown> = { ...params, ...own }
  const where = (name: string) => (name in own ? join(path, name) : join("params", name))
  const config = decodeYumaConfig((name) => fields[name], where)
  const commitReveal = bool(fields.commit_reveal_enabled, where("commit_reveal_enabled"))
  const mechanisms = array(fields.mechanisms, where("mechanisms")).map((m, k) => {
    const mechanismPath = join(where("mechanisms"), k)
    const r = record(m, mechanismPath, [...PER_MECHANISM, "out"])
    const commits = r.commit_reveal_commit_blocks
    return {
      storage: {
        weights: r.weights,
        bonds: r.bonds_in,
        lastUpdate: r.last_update,
        commitBlocks: commitReveal && commits !== undefined && commits !== null
          ? jsonU64s(commits, join(mechanismPath, "commit_reveal_commit_blocks"))
          : null, // off, or on with no active commit (all u64::MAX)
      },
      out: r.out,
    }
  })
  const input = {
    n: fields.n,
    block: fields.block,
    tempo: fields.tempo,
    activityCutoffBlocks: fields.activity_cutoff_blocks,
    lastMechanismStepBlock: fields.last_mechanism_step_block,
    blockAtRegistration: fields.block_at_registration,
    alphaStakeRao: jsonU64s(fields.alpha_stake, where("alpha_stake")),
    taoStakeRao: jsonU64s(fields.tao_stake, where("tao_stake")),
    taoWeightU64: jsonU64(fields.tao_weight_u64, where("tao_weight_u64")),
    stakeThresholdRao: jsonU64(fields.stake_threshold, where("stake_threshold")),
    ownerUid: fields.owner_uid,
    maxAllowedValidators: fields.max_allowed_validators,
    permits: fields.permits_in,
    raoEmission: jsonU64(fields.rao_emission, where("rao_emission")),
    emissionSplit: fields.emission_split,
    mechanisms: mechanisms.map((m) => m.storage),
  }
  return {
    i: int(own.i, `${path}.i`, 0, Number.MAX_SAFE_INTEGER),
    label: own.label,
    config,
    input: inFixtureNames(() => validateSubnetEpochInput(input), where),
    expected: { mechanisms: mechanisms.map((m) => ({ out: m.out })), out: own.out },
  }
}

/** A record of subnet fields (plus `extra`); a per-mechanism field here is an error that says where it belongs. */
function subnetRecord(x: unknown, path: string, extra: ReadonlyArray<string>): Record<string, unknown> {
  if (typeof x === "object" && x !== null) {
    const misplaced = PER_MECHANISM.find((name) => name in x)
    if (misplaced !== undefined) {
      throw new InvalidInput(join(path, misplaced), "a per-mechanism field in this format: give it in mechanisms[k]")
    }
  }
  return record(x, path, [...SUBNET, ...extra])
}

/** Runs the check of the decoded input; an error names the field as the file spells it, where the file holds it. */
function inFixtureNames<A>(f: () => A, where: (name: string) => string): A {
  try {
    return f()
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e
    // `alphaStakeRao[3]`, or `mechanisms[1].lastUpdate[0]`: the subnet field, then within a mechanism its field.
    const m = /^(\w+)((?:\[\d+\])*)(?:\.(\w+))?(.*)$/.exec(e.path)
    const subnetField = m ? FIXTURE_FIELD[m[1]!] : undefined
    if (m === null || subnetField === undefined) throw e
    const inner = m[3] === undefined ? "" : `.${FIXTURE_FIELD[m[3]] ?? m[3]}`
    throw new InvalidInput(`${where(subnetField)}${m[2]}${inner}${m[4]}`, e.reason)
  }
}

/** A subnet epoch's output in the file's shape, keys in the file's order. */
export function toMechanismsFixtureOut(o: SubnetEpochOutput): MechanismsFixtureEpochOut {
  const a = o.aggregated
  return {
    mechanisms: o.mechanisms.map((m) => ({
      out: { ...toFixtureOut(m), SW: m.stakeWeight, active: m.active, stake: m.totalStakeRao },
    })),
    out: {
      split: o.split,
      mech_weight_bits: o.weightBits,
      permits: a.permits,
      active: a.active,
      C: a.consensus,
      VT: a.validatorTrust,
      I: a.incentive,
      D: a.dividends,
      SW: a.stakeWeight,
      E_srv: a.serverEmission,
      E_val: a.validatorEmission,
      E: a.emission,
      stake: a.totalStakeRao,
    },
  }
}
