/**
 * The localnet wire protocol: JSON messages over one WebSocket. A request is `{id, method, params, signed?}`, its
 * response `{id, ok: true, result}` or `{id, ok: false, error: {reason, detail}}` (a runtime-named `ChainError`).
 * bigints travel as `{"$bigint": "123"}` so balances and stakes stay exact.
 *
 * A mutating call carries `signed: {account, nonce, signature}`: the sr25519 signature by `account` of
 * `signingMessage(genesis, method, params, nonce)`, with a nonce above the account's last one (so a captured call
 * cannot be replayed) and the chain's genesis id (method `genesis`; so it cannot be replayed on another localnet). The server decodes every request with the Schemas below before anything reaches the chain state.
 */
import { decodeAddress } from "@polkadot/util-crypto"
import { Schema } from "effect"
import { Hyperparameters } from "../Hyperparameters.ts"

export interface Signed {
  readonly account: string
  readonly nonce: number
  /** 0x-hex sr25519 signature of `signingMessage(genesis, method, params, nonce)`. */
  readonly signature: string
}

export interface RpcRequest {
  readonly id: number
  readonly method: string
  readonly params: ReadonlyArray<unknown>
  readonly signed?: Signed
}

export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | {
    readonly id: number
    readonly ok: false
    /** `lastNonce` is set when the nonce was not above the account's last one: resend with a higher one. */
    readonly error: { readonly reason: string; readonly detail: string; readonly lastNonce?: number }
  }

export const encode = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? { $bigint: v.toString() } : v))

export const decode = (text: string): unknown =>
  JSON.parse(
    text,
    (_key, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.$bigint === "string" &&
        Object.keys(v).length === 1 && /^-?\d{1,40}$/.test(v.$bigint)
        ? BigInt(v.$bigint)
        : v,
  )

/** What a signature covers: the chain's genesis id, the method, its parameters exactly as sent, and the nonce. */
export const signingMessage = (
  genesis: string,
  method: string,
  params: ReadonlyArray<unknown>,
  nonce: number,
): string => `subnetkit-localnet/v2\n${genesis}\n${encode([method, params, nonce])}`

/** The methods a localnet serves: the `Chain` calls, `genesis`, `nonce`, and the sudo-only `ChainControl` ones (`advance`, `fund`). */
export const METHODS = [
  "genesis",
  "currentBlock",
  "waitForBlock",
  "balance",
  "nonce",
  "createSubnet",
  "hyperparameters",
  "setHyperparameters",
  "registrationCost",
  "burnedRegister",
  "addStake",
  "serveAxon",
  "setWeights",
  "commitWeights",
  "revealWeights",
  "subnetState",
  "advance",
  "fund",
] as const
export type Method = (typeof METHODS)[number]

// --- limits -------------------------------------------------------------------------------------------------------

/** Largest message the server reads; a larger one closes the connection (1009). */
export const MAX_MESSAGE_BYTES = 1 << 20
/** `advance` takes at most this many blocks per call. */
export const MAX_ADVANCE_BLOCKS = 10_000
/** `fund` credits at most this much per call (1,000,000 TAO). */
export const MAX_FUND_RAO = 1_000_000n * 1_000_000_000n
/** Longest weights / uids vector (a subnet has at most 65535 uids; 4096 is far above any real one). */
export const MAX_WEIGHTS = 4096

// --- parameter schemas --------------------------------------------------------------------------------------------

const U64_MAX = (1n << 64n) - 1n
const intBetween = (minimum: number, maximum: number) =>
  Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum, maximum })))
const U16 = intBetween(0, 65535)
const Netuid = U16
const Block = intBetween(0, 2 ** 32 - 1)
/** An integer that fits JSON exactly (version keys, nonces). */
const SafeU64 = intBetween(0, Number.MAX_SAFE_INTEGER)

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

const HYPERPARAMETER_NAMES = Object.keys(Hyperparameters.fields)
/** A hyperparameter patch: known names only; each value is checked by the chain state's own Hyperparameters Schema. */
const HyperparametersPatch = Schema.Record(Schema.String, Schema.Unknown).pipe(
  Schema.check(Schema.makeFilter((patch: Readonly<Record<string, unknown>>) => {
    const unknown = Object.keys(patch).filter((k) => !HYPERPARAMETER_NAMES.includes(k))
    return unknown.length === 0 || `unknown hyperparameter(s): ${unknown.slice(0, 5).join(", ")}`
  })),
)

const Weights = Schema.Struct({
  netuid: Netuid,
  hotkey: Account,
  uids: Schema.Array(U16).pipe(Schema.check(Schema.isMaxLength(MAX_WEIGHTS))),
  // Any non-negative u32 reaches the chain, which refuses values above u16 with InvalidArguments as the mock does.
  weights: Schema.Array(intBetween(0, 2 ** 32 - 1)).pipe(Schema.check(Schema.isMaxLength(MAX_WEIGHTS))),
  versionKey: SafeU64,
})

/** Each method's parameters, decoded before the call reaches the state. */
export const PARAMS = {
  genesis: Schema.Tuple([]),
  currentBlock: Schema.Tuple([]),
  waitForBlock: Schema.Tuple([Block]),
  balance: Schema.Tuple([Account]),
  nonce: Schema.Tuple([Account]),
  createSubnet: Schema.Tuple([Schema.Struct({ coldkey: Account, hotkey: Account })]),
  hyperparameters: Schema.Tuple([Netuid]),
  setHyperparameters: Schema.Tuple([Netuid, Account, HyperparametersPatch]),
  registrationCost: Schema.Tuple([Netuid]),
  burnedRegister: Schema.Tuple([Schema.Struct({ netuid: Netuid, coldkey: Account, hotkey: Account })]),
  addStake: Schema.Tuple([Schema.Struct({ netuid: Netuid, coldkey: Account, hotkey: Account, amountRao: Rao })]),
  serveAxon: Schema.Tuple([Schema.Struct({
    netuid: Netuid,
    hotkey: Account,
    ip: BoundedString(64),
    port: U16, // 0 reaches the chain, which refuses it (InvalidPort)
    protocol: Schema.optionalKey(intBetween(0, 255)),
    version: Schema.optionalKey(intBetween(0, 2 ** 32 - 1)),
  })]),
  setWeights: Schema.Tuple([Weights]),
  commitWeights: Schema.Tuple([Schema.Struct({
    netuid: Netuid,
    hotkey: Account,
    commitHash: Schema.String.pipe(Schema.check(Schema.isPattern(/^0x[0-9a-fA-F]{2,64}$/))),
  })]),
  revealWeights: Schema.Tuple([Schema.Struct({
    ...Weights.fields,
    salt: Schema.Array(U16).pipe(Schema.check(Schema.isMaxLength(256))),
  })]),
  subnetState: Schema.Tuple([Netuid, Schema.optionalKey(Schema.Literals(["light", "full"]))]),
  advance: Schema.Tuple([intBetween(1, MAX_ADVANCE_BLOCKS)]),
  fund: Schema.Tuple([Account, Rao.pipe(Schema.check(Schema.isBetweenBigInt({ minimum: 0n, maximum: MAX_FUND_RAO })))]),
} satisfies Record<Method, Schema.Top>

/** The envelope of every request. */
export const Request = Schema.Struct({
  id: SafeU64,
  method: Schema.Literals(METHODS),
  params: Schema.Array(Schema.Unknown).pipe(Schema.check(Schema.isMaxLength(4))),
  signed: Schema.optionalKey(Schema.Struct({
    account: Account,
    nonce: SafeU64,
    signature: Schema.String.pipe(Schema.check(Schema.isPattern(/^0x[0-9a-fA-F]{128}$/))),
  })),
})
