/**
 * The contract every incentive mechanism implements: the subnet's state at an epoch in, per-uid rewards out.
 * Yuma reproduces the subtensor runtime bit for bit; the alternatives are simpler rules for comparison.
 */

/** A sparse row in compact form: parallel uid and u16 value arrays, in storage order. */
export interface U16Row {
  readonly uids: Uint16Array
  readonly values: Uint16Array
}

/**
 * A sparse row as stored on chain, in storage order (explicit zero entries matter): `[uid, u16]` pairs, or the
 * compact `U16Row` (what epochs output; cheaper at thousands of entries per row).
 */
export type SparseRowU16 = ReadonlyArray<readonly [uid: number, value: number]> | U16Row

/** What the chain holds when an epoch runs (one subnet, one mechanism). Blocks are u64 block numbers. */
export interface EpochInput {
  /** Number of uids (`SubnetworkN`); every per-uid array has this length. */
  readonly n: number
  /** `current_block`. */
  readonly block: number
  readonly tempo: number
  /** Weights older than this many blocks make a validator inactive (`get_activity_cutoff_blocks`). */
  readonly activityCutoffBlocks: number
  /** `LastMechansimStepBlock`; 0 = never. */
  readonly lastMechanismStepBlock: number
  /** Block of each uid's last `set_weights` (commit block under commit-reveal). */
  readonly lastUpdate: ReadonlyArray<number>
  readonly blockAtRegistration: ReadonlyArray<number>
  /** Alpha stake per uid in rao (after child/parent inheritance). */
  readonly alphaStakeRao: ReadonlyArray<bigint>
  /** Root (TAO) stake per uid in rao. */
  readonly taoStakeRao: ReadonlyArray<bigint>
  /** `TaoWeight` as stored: a u64 proportion of u64::MAX. */
  readonly taoWeightU64: bigint
  /** Uids whose stake is below this many rao count as 0 (the owner excepted). */
  readonly stakeThresholdRao: bigint
  readonly ownerUid: number | null
  readonly maxAllowedValidators: number
  /** Validator permits from the previous epoch. */
  readonly permits: ReadonlyArray<boolean>
  /** Stored weights: rows max-upscaled to u16. */
  readonly weights: ReadonlyArray<SparseRowU16>
  /** Stored bonds (Yuma 2: column max-upscaled u16; Yuma 3: floor(b·65535)). */
  readonly bonds: ReadonlyArray<SparseRowU16>
  /**
   * Commit-reveal on: the earliest non-expired commit block per uid (u64::MAX = none). `null`: commit-reveal off.
   */
  readonly commitBlocks: ReadonlyArray<bigint> | null
  /** Alpha to distribute this epoch, in rao. */
  readonly raoEmission: bigint
}

/** What an epoch writes. u16 fields are `floor(x·65535)` of a proportion, as the runtime stores them. */
export interface EpochOutput {
  /** New validator permits. */
  readonly permits: Array<boolean>
  readonly active: Array<boolean>
  /** Normalised stake weight (u16). */
  readonly stakeWeight: Array<number>
  /** Total stake per uid in rao (alpha + tao × tao weight), before the stake threshold. */
  readonly totalStakeRao: Array<bigint>
  /** C: consensus (u16). */
  readonly consensus: Array<number>
  /** VT: validator trust (u16). */
  readonly validatorTrust: Array<number>
  /** I: incentive (u16). */
  readonly incentive: Array<number>
  /** D: dividends (u16). */
  readonly dividends: Array<number>
  /** Miner (server) emission per uid, rao. */
  readonly serverEmission: Array<bigint>
  /** Validator emission per uid, rao. */
  readonly validatorEmission: Array<bigint>
  /** E: combined emission per uid, rao. */
  readonly emission: Array<bigint>
  /** Bonds rows as written to storage (every row is written; an empty row clears it). `rowPairs` lists one. */
  readonly bonds: Array<U16Row>
}

/** A row as `[uid, value]` pairs, e.g. for JSON. */
export function rowPairs(row: SparseRowU16): Array<[number, number]> {
  if (!("uids" in row)) return row.map(([uid, value]) => [uid, value])
  return Array.from(row.uids, (uid, k): [number, number] => [uid, row.values[k]!])
}

/** An incentive mechanism: a pure function of the epoch input. */
export interface Mechanism {
  /** Short id used on the command line and in reports (`yuma3`, `wta`, …). */
  readonly name: string
  /** One line: what it rewards. */
  readonly description: string
  epoch(input: EpochInput): EpochOutput
}
