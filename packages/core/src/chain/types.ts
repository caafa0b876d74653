/** The data the Chain service speaks: inputs of its calls and the per-uid view it returns. */

/** Where a miner serves (`serve_axon`). */
export interface AxonInfo {
  readonly ip: string
  readonly port: number
  /** 4 = TCP in the SDK; kept as given. */
  readonly protocol: number
  readonly version: number
}

/** One uid as the chain stores it after the last epoch. */
export interface NeuronInfo {
  readonly uid: number
  readonly hotkey: string
  readonly coldkey: string
  readonly stakeRao: bigint
  readonly blockAtRegistration: number
  /** Block of the last set_weights (commit block under commit-reveal). */
  readonly lastUpdate: number
  readonly axon: AxonInfo | null
  readonly validatorPermit: boolean
  readonly active: boolean
  /** u16 values written by the last epoch. */
  readonly incentive: number
  readonly dividends: number
  readonly consensus: number
  readonly validatorTrust: number
  /** Rao paid to this uid by the last epoch. */
  readonly emissionRao: bigint
  /** Stored weights and bonds rows: `[uid, u16]`; empty in a `"light"` snapshot. */
  readonly weights: ReadonlyArray<readonly [number, number]>
  readonly bonds: ReadonlyArray<readonly [number, number]>
}

/** How much of a subnet `subnetState` reads: `"light"` leaves weights and bonds out, `"full"` has them. */
export type SnapshotDetail = "light" | "full"

/** A subnet's state at one block: what `Metagraph` is built from. */
export interface SubnetSnapshot {
  readonly netuid: number
  readonly block: number
  readonly ownerHotkey: string
  readonly ownerColdkey: string
  readonly tempo: number
  readonly neurons: ReadonlyArray<NeuronInfo>
}

export interface CreateSubnetInput {
  readonly coldkey: string
  readonly hotkey: string
}

export interface RegisterInput {
  readonly netuid: number
  readonly coldkey: string
  readonly hotkey: string
}

export interface AddStakeInput {
  readonly netuid: number
  readonly coldkey: string
  readonly hotkey: string
  readonly amountRao: bigint
}

export interface ServeAxonInput {
  readonly netuid: number
  readonly hotkey: string
  readonly ip: string
  readonly port: number
  readonly protocol?: number
  readonly version?: number
}

export interface SetWeightsInput {
  readonly netuid: number
  readonly hotkey: string
  readonly uids: ReadonlyArray<number>
  /** u16 values; the chain max-upscales them before storing. */
  readonly weights: ReadonlyArray<number>
  readonly versionKey: number
}

export interface CommitWeightsInput {
  readonly netuid: number
  readonly hotkey: string
  /** 0x-prefixed blake2b-256 of the reveal (`commitHash`). */
  readonly commitHash: string
}

export interface RevealWeightsInput extends SetWeightsInput {
  readonly salt: ReadonlyArray<number>
}
