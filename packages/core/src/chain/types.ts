/**
 * The data the Chain service speaks, as Schemas: the parameters of its calls and what its reads return. The chain's
 * call table (`chainCalls.ts`) is written with them. Parameters are checked where they cross a socket (the localnet
 * server decodes every request with them: accounts as SS58, integers within their runtime types, bounded vectors);
 * in-process chains trust their callers, so a parameter's TypeScript type is its schema's type without the checks.
 * Results are decoded by the localnet client for their shape only (a state may hold accounts that are no SS58).
 */
import { decodeAddress } from "@polkadot/util-crypto"
import { Schema } from "effect"

/** Longest weights / uids vector (a subnet has at most 65535 uids; 4096 is far above any real one). */
export const MAX_WEIGHTS = 4096

const U64_MAX = (1n << 64n) - 1n
export const intBetween = (minimum: number, maximum: number) =>
  Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum, maximum })))
export const U16 = intBetween(0, 65535)
export const Netuid = U16
export const Uid = U16
export const Block = intBetween(0, 2 ** 32 - 1)
/** An integer that fits JSON exactly (version keys, nonces). */
export const SafeU64 = intBetween(0, Number.MAX_SAFE_INTEGER)

const isSs58 = (s: string): boolean => {
  try {
    return decodeAddress(s).length === 32
  } catch {
    return false
  }
}
/** An account id: a valid SS58 address of a 32-byte public key. */
export const Account = Schema.String.pipe(
  Schema.check(Schema.isMaxLength(64)),
  Schema.check(Schema.makeFilter((s: string) => isSs58(s) || "not a valid SS58 account id")),
)
/** Rao: a non-negative integer within u64. */
export const Rao = Schema.BigInt.pipe(Schema.check(Schema.isBetweenBigInt({ minimum: 0n, maximum: U64_MAX })))
const BoundedString = (max: number) => Schema.String.pipe(Schema.check(Schema.isMaxLength(max)))

// --- call parameters ------------------------------------------------------------------------------------------

export const CreateSubnetInput = Schema.Struct({ coldkey: Account, hotkey: Account })
export interface CreateSubnetInput extends Schema.Schema.Type<typeof CreateSubnetInput> {}

export const RegisterInput = Schema.Struct({ netuid: Netuid, coldkey: Account, hotkey: Account })
export interface RegisterInput extends Schema.Schema.Type<typeof RegisterInput> {}

export const AddStakeInput = Schema.Struct({ netuid: Netuid, coldkey: Account, hotkey: Account, amountRao: Rao })
export interface AddStakeInput extends Schema.Schema.Type<typeof AddStakeInput> {}

/** Where a miner serves (`serve_axon`). */
export const ServeAxonInput = Schema.Struct({
  netuid: Netuid,
  hotkey: Account,
  ip: BoundedString(64),
  port: U16, // 0 reaches the chain, which refuses it (InvalidPort)
  /** 4 = TCP in the SDK (the default). */
  protocol: Schema.optionalKey(intBetween(0, 255)),
  version: Schema.optionalKey(intBetween(0, 2 ** 32 - 1)),
})
export interface ServeAxonInput extends Schema.Schema.Type<typeof ServeAxonInput> {}

export const SetWeightsInput = Schema.Struct({
  netuid: Netuid,
  hotkey: Account,
  uids: Schema.Array(U16).pipe(Schema.check(Schema.isMaxLength(MAX_WEIGHTS))),
  /**
   * u16 values; the chain max-upscales them before storing. Any non-negative u32 reaches the chain, which refuses
   * values above u16 with InvalidArguments.
   */
  weights: Schema.Array(intBetween(0, 2 ** 32 - 1)).pipe(Schema.check(Schema.isMaxLength(MAX_WEIGHTS))),
  versionKey: SafeU64,
})
export interface SetWeightsInput extends Schema.Schema.Type<typeof SetWeightsInput> {}

export const CommitWeightsInput = Schema.Struct({
  netuid: Netuid,
  hotkey: Account,
  /** 0x-prefixed blake2b-256 of the reveal (`commitHash`). */
  commitHash: Schema.String.pipe(Schema.check(Schema.isPattern(/^0x[0-9a-fA-F]{2,64}$/))),
})
export interface CommitWeightsInput extends Schema.Schema.Type<typeof CommitWeightsInput> {}

export const RevealWeightsInput = Schema.Struct({
  ...SetWeightsInput.fields,
  salt: Schema.Array(U16).pipe(Schema.check(Schema.isMaxLength(256))),
})
export interface RevealWeightsInput extends Schema.Schema.Type<typeof RevealWeightsInput> {}

/** How much of a subnet `subnetState` reads: `"light"` leaves weights and bonds out, `"full"` has them. */
export const SnapshotDetail = Schema.Literals(["light", "full"])
export type SnapshotDetail = typeof SnapshotDetail.Type

// --- results ----------------------------------------------------------------------------------------------------

const Count = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const Amount = Schema.BigInt.pipe(Schema.check(Schema.isGreaterThanOrEqualToBigInt(0n)))
const Row = Schema.Array(Schema.Tuple([Count, Count]))

/** Where a miner serves, as the chain stores it. */
export const AxonInfo = Schema.Struct({
  ip: Schema.String,
  port: Count,
  /** 4 = TCP in the SDK; kept as given. */
  protocol: Count,
  version: Count,
})
export interface AxonInfo extends Schema.Schema.Type<typeof AxonInfo> {}

/** One uid as the chain stores it after the last epoch. */
export const NeuronInfo = Schema.Struct({
  uid: Count,
  hotkey: Schema.String,
  coldkey: Schema.String,
  stakeRao: Amount,
  blockAtRegistration: Count,
  /** Block of the last set_weights (commit block under commit-reveal). */
  lastUpdate: Count,
  axon: Schema.NullOr(AxonInfo),
  validatorPermit: Schema.Boolean,
  active: Schema.Boolean,
  /** u16 values written by the last epoch. */
  incentive: Count,
  dividends: Count,
  consensus: Count,
  validatorTrust: Count,
  /** Rao paid to this uid by the last epoch. */
  emissionRao: Amount,
  /** Stored weights and bonds rows: `[uid, u16]`; empty in a `"light"` snapshot. */
  weights: Row,
  bonds: Row,
})
export interface NeuronInfo extends Schema.Schema.Type<typeof NeuronInfo> {}

/** A subnet's state at one block: what `Metagraph` is built from. */
export const SubnetSnapshot = Schema.Struct({
  netuid: Count,
  block: Count,
  ownerHotkey: Schema.String,
  ownerColdkey: Schema.String,
  tempo: Count,
  neurons: Schema.Array(NeuronInfo),
})
export interface SubnetSnapshot extends Schema.Schema.Type<typeof SubnetSnapshot> {}
