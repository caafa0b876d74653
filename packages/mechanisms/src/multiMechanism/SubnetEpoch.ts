/**
 * A subnet with several incentive mechanisms (the runtime's `MechanismCountCurrent`, 1 to 16): each mechanism has
 * its own weights, bonds, last updates and commits (storage index `netuid + mecid · 4096`); everything else — stake,
 * registrations, permits, hyperparameters — is the subnet's and shared by all of them.
 */
import type { EpochInput, EpochOutput } from "../Mechanism.ts"

/**
 * What the chain holds for one mechanism; the fields mean what they mean in `EpochInput`. Commit-reveal is the
 * subnet's setting: with it on, `commitBlocks` are this mechanism's commits, and `null` (no active commit) masks
 * nothing, as with it off.
 */
export type MechanismStorage = Pick<EpochInput, "weights" | "bonds" | "lastUpdate" | "commitBlocks">

/** The most mechanisms a subnet can have (`MAX_MECHANISM_COUNT_PER_SUBNET`). */
export const MAX_MECHANISMS = 16

/** What the chain holds when a subnet's epoch runs (`epoch_with_mechanisms`). */
export interface SubnetEpochInput extends Omit<EpochInput, keyof MechanismStorage> {
  /**
   * `MechanismEmissionSplit`: u16 shares of `raoEmission` per mechanism, summing to 65535, at most one per mechanism
   * (missing ones get 0). `null`: unset, an even split.
   */
  readonly emissionSplit: ReadonlyArray<number> | null
  /** One entry per mechanism, index = mecid; 1 to `MAX_MECHANISMS`. */
  readonly mechanisms: ReadonlyArray<MechanismStorage>
}

/**
 * The terms `epoch_with_mechanisms` keeps per uid after folding the mechanisms: what the runtime stores for the
 * subnet (`Consensus`, `ValidatorTrust`, `Dividends`, `StakeWeight`, `Emission`, `ValidatorPermit`, `Active`) and
 * what it pays (`serverEmission`, `validatorEmission`). No bonds: those stay per mechanism.
 */
export type AggregatedTerms = Omit<EpochOutput, "bonds">

export interface SubnetEpochOutput {
  /** Each mechanism's share of `raoEmission`, in rao (`split_emissions`); they add up to `raoEmission`. */
  readonly split: Array<bigint>
  /** Each mechanism's weight in the fold, U64F64 raw bits (2^64 = 1): ⌊split · 2^64 / raoEmission⌋. */
  readonly weightBits: Array<bigint>
  /** Each mechanism's epoch on its share; its `incentive` and `bonds` are what the chain stores for that index. */
  readonly mechanisms: Array<EpochOutput>
  /** The subnet's terms, folded over the mechanisms. */
  readonly aggregated: AggregatedTerms
}
