/**
 * The part of an epoch every mechanism shares (yuma-spec §3.1–3.5): activity, stake weights, validator permits,
 * active stake, and the stored weights with the chain's masks applied and rows normalised.
 */
import type { EpochInput } from "../Mechanism.ts"
import type { Csr } from "./csr.ts"
import { normalize, rowNormalizeInPlace } from "./csr.ts"
import { stakeWeights, topKNonzero } from "./stake.ts"
import { storedToCsr } from "./storedToCsr.ts"

export interface PreparedEpoch {
  readonly active: Array<boolean>
  /** S: normalised stake, I32F32 raw bits. */
  readonly stake: Array<number>
  /** Total stake per uid in rao, before the stake threshold. */
  readonly totalStakeRao: Array<bigint>
  /** Permits from the previous epoch (the owner always has one): they decide who counts now. */
  readonly permitted: Array<boolean>
  /** Permits for the next epoch. */
  readonly newPermits: Array<boolean>
  /** Stake of active permitted validators, normalised. */
  readonly activeStake: Array<number>
  /** W: masked, row-normalised weights, I32F32 raw bits. */
  readonly weights: Csr
}

/** Commit blocks above this are the "no active commit" marker (u64::MAX) or as good as: they mask nothing. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

export function prepareEpoch(input: EpochInput): PreparedEpoch {
  const { n, block, ownerUid: owner, lastUpdate, blockAtRegistration: bar, commitBlocks } = input
  const active = lastUpdate.map((updated) => !(updated + input.activityCutoffBlocks < block))
  const { normalized: stake, totalRao: totalStakeRao } = stakeWeights(
    input.alphaStakeRao,
    input.taoStakeRao,
    input.taoWeightU64,
    input.stakeThresholdRao,
    owner,
  )
  const permitted = input.permits.map((p, uid) => p || uid === owner)
  const newPermits = topKNonzero(stake, input.maxAllowedValidators).map((p, uid) => p || uid === owner)
  const activeStake = normalize(stake.map((s, i) => (active[i] && permitted[i] ? s : 0)))
  // A weight to j counts only if set after j registered, and (commit-reveal) committed no earlier than that:
  // j registered before min(lastUpdate_i, earliest active commit_i + 1). Rows without a permit are dropped.
  const registeredBefore = lastUpdate.map((updated, i) => {
    if (!permitted[i]) return -Infinity
    const committed = commitBlocks?.[i]
    return committed === undefined || committed > MAX_SAFE ? updated : Math.min(updated, Number(committed) + 1)
  })
  const weights = rowNormalizeInPlace(storedToCsr(input.weights, n, {
    blockAtRegistration: bar,
    registeredBefore,
    maskDiagonalExcept: owner, // the owner's self-weight is kept
    proportions: false,
  }))
  return { active, stake, totalStakeRao, permitted, newPermits, activeStake, weights }
}
