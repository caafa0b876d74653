/**
 * The part of an epoch every mechanism shares (yuma-spec §3.1–3.5): activity, stake weights, validator permits,
 * active stake, and the stored weights with the chain's masks applied and rows normalised.
 */
import { fromU16 } from "../fixed/fixed.ts"
import type { EpochInput, SparseRowU16 } from "../Mechanism.ts"
import type { Matrix, Row } from "./sparse.ts"
import { emptyRow, filterRow, normalize, rowNormalize, rowOf } from "./sparse.ts"
import { stakeWeights, topKNonzero } from "./stake.ts"

export interface PreparedEpoch {
  readonly active: Array<boolean>
  /** S: normalised stake, I32F32 raw bits. */
  readonly stake: Array<number>
  /** Permits from the previous epoch (the owner always has one): they decide who counts now. */
  readonly permitted: Array<boolean>
  /** Permits for the next epoch. */
  readonly newPermits: Array<boolean>
  /** Stake of active permitted validators, normalised. */
  readonly activeStake: Array<number>
  /** W: masked, row-normalised weights, I32F32 raw bits. */
  readonly weights: Matrix
}

/** Stored u16 row → I32F32 row, dropping uids ≥ n as the runtime does. */
export function toRow(row: SparseRowU16 | undefined, n: number, value: (u16: number) => number): Row {
  if (row === undefined) return emptyRow()
  const j = new Uint16Array(row.length)
  const v = new Float64Array(row.length)
  let m = 0
  for (let k = 0; k < row.length; k++) {
    const entry = row[k]!
    if (entry[0] < n) {
      j[m] = entry[0]
      v[m++] = value(entry[1])
    }
  }
  return rowOf(j, v, m)
}

export function prepareEpoch(input: EpochInput): PreparedEpoch {
  const { n, block, ownerUid: owner, lastUpdate, blockAtRegistration: bar, commitBlocks } = input
  const active = lastUpdate.map((updated) => !(updated + input.activityCutoffBlocks < block))
  const stake = stakeWeights(input.alphaStakeRao, input.taoStakeRao, input.taoWeightU64, input.stakeThresholdRao, owner)
  const permitted = input.permits.map((p, uid) => p || uid === owner)
  const newPermits = topKNonzero(stake, input.maxAllowedValidators).map((p, uid) => p || uid === owner)
  const activeStake = normalize(stake.map((s, i) => (active[i] && permitted[i] ? s : 0)))
  const keep = (i: number) => (j: number) =>
    (i !== j || i === owner) && // diagonal masked, the owner's self-weight kept
    !(lastUpdate[i]! <= bar[j]!) && // weight set before j registered
    !(commitBlocks !== null && commitBlocks[i]! < BigInt(bar[j]!)) // committed before j registered
  const weights = rowNormalize(
    Array.from({ length: n }, (_, i) => (permitted[i] ? filterRow(toRow(input.weights[i], n, fromU16), keep(i)) : emptyRow())),
  )
  return { active, stake, permitted, newPermits, activeStake, weights }
}
