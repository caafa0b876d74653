/**
 * The part of an epoch every mechanism shares (yuma-spec §3.1–3.5): activity, stake weights, validator permits,
 * active stake, and the stored weights with the chain's masks applied and rows normalised.
 */
import { fromU16 } from "../fixed/fixed.ts"
import type { EpochInput, SparseRowU16 } from "../Mechanism.ts"
import type { Csr } from "./csr.ts"
import { CsrBuilder, normalize, rowNormalizeInPlace } from "./csr.ts"
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
  readonly weights: Csr
}

/** Stored u16 rows → I32F32 matrix, keeping the entries `keep(i, j)` accepts (uids ≥ n are dropped, as on chain). */
export function storedToCsr(
  rows: ReadonlyArray<SparseRowU16>,
  n: number,
  value: (u16: number) => number,
  keep: (i: number, j: number) => boolean,
): Csr {
  let capacity = 0
  for (const row of rows) capacity += "uids" in row ? row.uids.length : row.length
  const out = new CsrBuilder(n, capacity)
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    if ("uids" in row) {
      for (let k = 0; k < row.uids.length; k++) if (row.uids[k]! < n && keep(i, row.uids[k]!)) out.push(row.uids[k]!, value(row.values[k]!))
    } else {
      for (let k = 0; k < row.length; k++) {
        const entry = row[k]!
        if (entry[0] < n && keep(i, entry[0])) out.push(entry[0], value(entry[1]))
      }
    }
    out.endRow()
  }
  return out.done()
}

export function prepareEpoch(input: EpochInput): PreparedEpoch {
  const { n, block, ownerUid: owner, lastUpdate, blockAtRegistration: bar, commitBlocks } = input
  const active = lastUpdate.map((updated) => !(updated + input.activityCutoffBlocks < block))
  const stake = stakeWeights(input.alphaStakeRao, input.taoStakeRao, input.taoWeightU64, input.stakeThresholdRao, owner)
  const permitted = input.permits.map((p, uid) => p || uid === owner)
  const newPermits = topKNonzero(stake, input.maxAllowedValidators).map((p, uid) => p || uid === owner)
  const activeStake = normalize(stake.map((s, i) => (active[i] && permitted[i] ? s : 0)))
  const commitBlock = commitBlocks?.map((b) => (b > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(b)))
  const weights = rowNormalizeInPlace(storedToCsr(input.weights, n, fromU16, (i, j) =>
    permitted[i]! && // rows of validators without a permit are dropped
    (i !== j || i === owner) && // diagonal masked, the owner's self-weight kept
    !(lastUpdate[i]! <= bar[j]!) && // weight set before j registered
    !(commitBlock !== undefined && commitBlock[i]! < bar[j]!))) // committed before j registered
  return { active, stake, permitted, newPermits, activeStake, weights }
}
