import { array, join, record, u16 } from "../input/checks.ts"
import { InvalidInput } from "../input/InvalidInput.ts"
import { EPOCH_INPUT_FIELDS, validateEpochInput } from "../input/validateEpochInput.ts"
import type { EpochInput } from "../Mechanism.ts"
import type { MechanismStorage, SubnetEpochInput } from "./SubnetEpoch.ts"
import { MAX_MECHANISMS } from "./SubnetEpoch.ts"

const MECHANISM_FIELDS = ["weights", "bonds", "lastUpdate", "commitBlocks"] as const
const SUBNET_FIELDS = [
  ...EPOCH_INPUT_FIELDS.filter((f) => !(MECHANISM_FIELDS as ReadonlyArray<string>).includes(f)),
  "emissionSplit",
  "mechanisms",
]

/**
 * Checks a subnet epoch input completely: the subnet's fields as `validateEpochInput` checks them, 1 to 16
 * mechanisms each with its own n-long rows, and an emission split the runtime's setter accepts
 * (`do_set_emission_split` in `subnets/mechanism.rs`: non-empty, at most one share per mechanism, summing to 65535)
 * or `null`. Returns it with plain arrays.
 * @throws {InvalidInput} naming the first bad field (`mechanisms[1].weights[3][0][0]`, `emissionSplit`, …).
 */
export function validateSubnetEpochInput(x: unknown, path = ""): SubnetEpochInput {
  const at = (k: string) => join(path, k)
  const { emissionSplit, mechanisms, ...subnet } = record(x, path, SUBNET_FIELDS)
  const rows = array(mechanisms, at("mechanisms"))
  if (rows.length < 1 || rows.length > MAX_MECHANISMS) {
    throw new InvalidInput(at("mechanisms"), `expected 1 to ${MAX_MECHANISMS} mechanisms, got ${rows.length}`)
  }
  const checked = rows.map((m, k) => {
    const mechanismPath = join(at("mechanisms"), k)
    const own = record(m, mechanismPath, MECHANISM_FIELDS)
    return inMechanism(() => validateEpochInput({ ...subnet, ...own }, path), path, mechanismPath)
  })
  const first = checked[0]!
  const { weights: _w, bonds: _b, lastUpdate: _l, commitBlocks: _c, ...shared } = first
  return {
    ...shared,
    emissionSplit: emissionSplit === null ? null : split(emissionSplit, at("emissionSplit"), rows.length),
    mechanisms: checked.map((e): MechanismStorage => ({
      weights: e.weights,
      bonds: e.bonds,
      lastUpdate: e.lastUpdate,
      commitBlocks: e.commitBlocks,
    })),
  }
}

function split(x: unknown, path: string, count: number): Array<number> {
  const shares = array(x, path).map((s, k) => u16(s, join(path, k)))
  if (shares.length < 1 || shares.length > count) {
    throw new InvalidInput(path, `expected 1 to ${count} shares (one per mechanism at most), got ${shares.length}`)
  }
  const total = shares.reduce((a, b) => a + b, 0)
  if (total !== 65535) throw new InvalidInput(path, `the shares must sum to 65535, got ${total}`)
  return shares
}

/** Runs a check of the assembled input for one mechanism; an error in that mechanism's own fields names it. */
function inMechanism(f: () => EpochInput, path: string, mechanismPath: string): EpochInput {
  try {
    return f()
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e
    const rest = path === "" ? e.path : e.path.slice(path.length + 1)
    const field = /^\w+/.exec(rest)?.[0]
    if (field === undefined || !(MECHANISM_FIELDS as ReadonlyArray<string>).includes(field)) throw e
    throw new InvalidInput(join(mechanismPath, rest), e.reason)
  }
}
