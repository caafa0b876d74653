import type { EpochInput } from "../Mechanism.ts"
import { arrayOf, block, bool, int, record, sparseRows, u16, u64 } from "./checks.ts"
import { InvalidInput } from "./InvalidInput.ts"

/** Every `EpochInput` field, in the order they are checked. */
export const EPOCH_INPUT_FIELDS = [
  "n",
  "block",
  "tempo",
  "activityCutoffBlocks",
  "lastMechanismStepBlock",
  "lastUpdate",
  "blockAtRegistration",
  "alphaStakeRao",
  "taoStakeRao",
  "taoWeightU64",
  "stakeThresholdRao",
  "ownerUid",
  "maxAllowedValidators",
  "permits",
  "weights",
  "bonds",
  "commitBlocks",
  "raoEmission",
] as const

/**
 * Checks an epoch input completely (types, ranges, lengths = n, uids < n, no duplicate uid in a row, no unknown
 * field) and returns it with plain arrays. Throws `InvalidInput` naming the first bad field.
 */
export function validateEpochInput(x: unknown, path = ""): EpochInput {
  const r = record(x, path, EPOCH_INPUT_FIELDS)
  const at = (k: string) => (path ? `${path}.${k}` : k)
  const n = u16(r.n, at("n"))
  const ownerUid = r.ownerUid === null ? null : int(r.ownerUid, at("ownerUid"), 0, 65535)
  if (ownerUid !== null && ownerUid >= n) {
    throw new InvalidInput(at("ownerUid"), `uid ${ownerUid} is out of range (n = ${n})`)
  }
  return {
    n,
    block: block(r.block, at("block")),
    tempo: u16(r.tempo, at("tempo")),
    activityCutoffBlocks: block(r.activityCutoffBlocks, at("activityCutoffBlocks")),
    lastMechanismStepBlock: block(r.lastMechanismStepBlock, at("lastMechanismStepBlock")),
    lastUpdate: arrayOf(r.lastUpdate, at("lastUpdate"), n, block),
    blockAtRegistration: arrayOf(r.blockAtRegistration, at("blockAtRegistration"), n, block),
    alphaStakeRao: arrayOf(r.alphaStakeRao, at("alphaStakeRao"), n, u64),
    taoStakeRao: arrayOf(r.taoStakeRao, at("taoStakeRao"), n, u64),
    taoWeightU64: u64(r.taoWeightU64, at("taoWeightU64")),
    stakeThresholdRao: u64(r.stakeThresholdRao, at("stakeThresholdRao")),
    ownerUid,
    maxAllowedValidators: u16(r.maxAllowedValidators, at("maxAllowedValidators")),
    permits: arrayOf(r.permits, at("permits"), n, bool),
    weights: sparseRows(r.weights, at("weights"), n),
    bonds: sparseRows(r.bonds, at("bonds"), n),
    commitBlocks: r.commitBlocks === null ? null : arrayOf(r.commitBlocks, at("commitBlocks"), n, u64),
    raoEmission: u64(r.raoEmission, at("raoEmission")),
  }
}
