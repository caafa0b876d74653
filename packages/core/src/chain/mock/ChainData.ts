/**
 * The mock chain's whole state as plain data (what a snapshot file holds), and its Schema, so a snapshot read back
 * from disk is checked field by field before the chain uses it.
 */
import { Schema } from "effect"
import { Hyperparameters } from "../Hyperparameters.ts"
import { AxonInfo } from "../types.ts"

const Int = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const Rao = Schema.BigIntFromString // a string in the snapshot file: u64 values pass 2^53
const Row = Schema.Array(Schema.Tuple([Int, Int]))

export const NeuronData = Schema.Struct({
  hotkey: Schema.String,
  coldkey: Schema.String,
  blockAtRegistration: Int,
  lastUpdate: Int,
  axon: Schema.NullOr(AxonInfo),
  weights: Row,
  bonds: Row,
  validatorPermit: Schema.Boolean,
  active: Schema.Boolean,
  incentive: Int,
  dividends: Int,
  consensus: Int,
  validatorTrust: Int,
  emissionRao: Rao,
})
export type NeuronData = typeof NeuronData.Type

export const WeightCommit = Schema.Struct({ hash: Schema.String, epoch: Int, block: Int })
export type WeightCommit = typeof WeightCommit.Type

export const SubnetData = Schema.Struct({
  netuid: Int,
  ownerColdkey: Schema.String,
  ownerHotkey: Schema.String,
  hyperparameters: Hyperparameters,
  /** A name from `mechanismByName`, "yuma" for Yuma with this subnet's hyperparameters, or a registered custom one. */
  mechanism: Schema.String,
  neurons: Schema.Array(NeuronData),
  /** Alpha stake per hotkey on this subnet. */
  stakeRao: Schema.Record(Schema.String, Rao),
  burnRao: Rao,
  registrationsThisBlock: Int,
  lastEpochBlock: Int,
  epochIndex: Int,
  lastMechanismStepBlock: Int,
  /** Emission accumulated since the last epoch, by recipient group. */
  pendingOwnerRao: Rao,
  pendingMinersRao: Rao,
  pendingValidatorsRao: Rao,
  commits: Schema.Record(Schema.String, Schema.Array(WeightCommit)),
})
export type SubnetData = typeof SubnetData.Type

export const ChainData = Schema.Struct({
  version: Schema.Literal(1),
  block: Int,
  issuanceRao: Rao,
  subnetLockRao: Rao,
  balances: Schema.Record(Schema.String, Rao),
  hotkeyOwner: Schema.Record(Schema.String, Schema.String),
  subnets: Schema.Array(SubnetData),
})
export type ChainData = typeof ChainData.Type

export interface GenesisOptions {
  readonly block?: number
  /** Total issuance at genesis (rao); it sets where on the halving schedule the chain starts. */
  readonly issuanceRao?: bigint
  /** TAO locked by `createSubnet`. */
  readonly subnetLockRao?: bigint
}

/** A fresh chain's state. */
export const genesisData = (options: GenesisOptions = {}): ChainData => ({
  version: 1,
  block: options.block ?? 1,
  issuanceRao: options.issuanceRao ?? 0n,
  subnetLockRao: options.subnetLockRao ?? 100n * 1_000_000_000n,
  balances: {},
  hotkeyOwner: {},
  subnets: [],
})

/** Deeply mutable view, for the state machine that owns the data. */
export type Mutable<T> = T extends bigint | number | string | boolean | null ? T
  : T extends readonly [number, number] ? [number, number]
  : T extends ReadonlyArray<infer A> ? Array<Mutable<A>>
  : { -readonly [K in keyof T]: Mutable<T[K]> }

/** The snapshot file text of a state (rao as decimal strings). */
export const encodeChainData = (data: ChainData): string => JSON.stringify(Schema.encodeSync(ChainData)(data))

/** A state from snapshot file text; throws a SchemaError naming every bad field. */
export const decodeChainData = (text: string): ChainData =>
  Schema.decodeUnknownSync(ChainData)(JSON.parse(text), { errors: "all" })

/** `record[key]` when it is the record's own entry: an account named "toString" or "__proto__" reads nothing. */
export const own = <V>(
  record: Readonly<Record<string, V>>,
  key: string,
): V | undefined => (Object.hasOwn(record, key) ? record[key] : undefined)
