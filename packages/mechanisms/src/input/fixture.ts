/**
 * The golden-epoch fixture format (yuma-spec §7.1): `{scenario, params, epochs: [{…inputs…, out}]}` in the
 * runtime's snake_case names. Decoding checks every field and maps it to `YumaConfig` + `EpochInput`.
 */
import type { EpochInput, EpochOutput } from "../Mechanism.ts"
import { rowPairs } from "../Mechanism.ts"
import type { YumaConfig } from "../yuma/YumaConfig.ts"
import { array, block, int, record, u16 } from "./checks.ts"
import { decodeYumaConfig, FIXTURE_FIELD, jsonU64, jsonU64s, YUMA_PARAMS } from "./fixtureFields.ts"
import { InvalidInput } from "./InvalidInput.ts"
import { validateEpochInput } from "./validateEpochInput.ts"

/** The `out` of a fixture epoch, as the runtime writes it. */
export interface FixtureOut {
  readonly permits: Array<boolean>
  readonly C: Array<number>
  readonly VT: Array<number>
  readonly I: Array<number>
  readonly D: Array<number>
  readonly E_srv: Array<bigint>
  readonly E_val: Array<bigint>
  readonly E: Array<bigint>
  readonly bonds: Array<Array<[number, number]>>
}

export interface FixtureEpoch {
  readonly i: number
  readonly label: string
  readonly input: EpochInput
  /** The expected output, when the file has one. */
  readonly out: unknown
}

export interface Fixture {
  readonly scenario: string
  readonly config: YumaConfig
  readonly epochs: ReadonlyArray<FixtureEpoch>
}

const PARAMS = [
  "n",
  "tempo",
  "activity_cutoff_blocks",
  "last_mechanism_step_block",
  "tao_stake",
  "tao_weight_u64",
  "stake_threshold",
  "owner_uid",
  "max_allowed_validators",
  ...YUMA_PARAMS,
  "commit_reveal_commit_blocks",
  "rao_emission",
]
const EPOCH = [
  "i",
  "label",
  "block",
  "last_update",
  "block_at_registration",
  "alpha_stake",
  "permits_in",
  "weights",
  "bonds_in",
  "out",
]

/** Decodes a parsed fixture file (see `parseJson`). The `out` fields are kept but not checked. */
export function decodeFixture(x: unknown): Fixture {
  const top = record(x, "", ["scenario", "params", "epochs", "note"])
  if (typeof top.scenario !== "string") throw new InvalidInput("scenario", "expected a string")
  const p = record(top.params, "params", PARAMS)
  const config = decodeYumaConfig((name) => p[name], (name) => `params.${name}`)
  const n = u16(p.n, "params.n")
  const epochs = array(top.epochs, "epochs").map((e, k): FixtureEpoch => {
    const path = `epochs[${k}]`
    const r = record(e, path, EPOCH)
    if (typeof r.label !== "string") throw new InvalidInput(`${path}.label`, "expected a string")
    const input = {
      n,
      block: block(r.block, `${path}.block`),
      tempo: p.tempo,
      activityCutoffBlocks: p.activity_cutoff_blocks,
      lastMechanismStepBlock: p.last_mechanism_step_block,
      lastUpdate: r.last_update,
      blockAtRegistration: r.block_at_registration,
      alphaStakeRao: jsonU64s(r.alpha_stake, `${path}.alpha_stake`),
      taoStakeRao: jsonU64s(p.tao_stake, "params.tao_stake"),
      taoWeightU64: jsonU64(p.tao_weight_u64, "params.tao_weight_u64"),
      stakeThresholdRao: jsonU64(p.stake_threshold, "params.stake_threshold"),
      ownerUid: p.owner_uid,
      maxAllowedValidators: p.max_allowed_validators,
      permits: r.permits_in,
      weights: r.weights,
      bonds: r.bonds_in,
      commitBlocks: p.commit_reveal_commit_blocks === null
        ? null
        : jsonU64s(p.commit_reveal_commit_blocks, "params.commit_reveal_commit_blocks"),
      raoEmission: jsonU64(p.rao_emission, "params.rao_emission"),
    }
    return {
      i: int(r.i, `${path}.i`, 0, Number.MAX_SAFE_INTEGER),
      label: r.label,
      input: inFixtureNames(() => validateEpochInput(input, path), path),
      out: r.out,
    }
  })
  return { scenario: top.scenario, config, epochs }
}

/** Runs a check of the decoded input; an error names the field as the file spells it and where the file holds it. */
function inFixtureNames<A>(f: () => A, epochPath: string): A {
  try {
    return f()
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e
    const m = /^[^.]+\.(\w+)(.*)$/.exec(e.path)
    const name = m ? FIXTURE_FIELD[m[1]!] : undefined
    if (m === null || name === undefined) throw e
    throw new InvalidInput(PARAMS.includes(name) ? `params.${name}${m[2]}` : `${epochPath}.${name}${m[2]}`, e.reason)
  }
}

/** An epoch output in the fixture's `out` shape. */
export const toFixtureOut = (o: EpochOutput): FixtureOut => ({
  permits: o.permits,
  C: o.consensus,
  VT: o.validatorTrust,
  I: o.incentive,
  D: o.dividends,
  E_srv: o.serverEmission,
  E_val: o.validatorEmission,
  E: o.emission,
  bonds: o.bonds.map(rowPairs),
})
