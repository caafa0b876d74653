/**
 * The localnet wire protocol: JSON messages over one WebSocket. A request is `{id, method, params, signed?}`, its
 * response `{id, ok: true, result}` or `{id, ok: false, error: {reason, detail}}` (a runtime-named `ChainError`).
 * bigints travel as `{"$bigint": "123"}` so balances and stakes stay exact.
 *
 * A mutating call carries `signed: {account, nonce, signature}`: the sr25519 signature by `account` of
 * `signingMessage(genesis, method, params, nonce)`, with a nonce above the account's last one (so a captured call
 * cannot be replayed) and the chain's genesis id (method `genesis`; so it cannot be replayed on another localnet). The
 * server decodes every request, and each call's parameters with their Schemas from `chainCalls.ts`, before anything
 * reaches the chain state.
 */
import { Schema } from "effect"
import { read } from "../ChainCall.ts"
import { allCalls } from "../chainCalls.ts"
import { Account, SafeU64 } from "../types.ts"

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

/** What only a localnet answers: what signing needs (declared like the chain's calls). */
const sessionCalls = {
  /** The chain's genesis id, which every signature covers. */
  genesis: read({
    params: [],
    result: Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f]{64}$/))),
    refusable: false,
  }),
  /** The last nonce `account` signed a call with (0 before its first). */
  nonce: read({ params: [Account], result: SafeU64, refusable: false }),
}

/** The methods a localnet serves: its session calls, the `Chain` calls and the sudo-only `ChainControl` ones. */
export const localnetCalls = { ...sessionCalls, ...allCalls }
export type Method = keyof typeof localnetCalls
export const METHODS = Object.keys(localnetCalls) as ReadonlyArray<Method>

// --- limits -------------------------------------------------------------------------------------------------------

/** Largest message the server reads; a larger one closes the connection (1009). */
export const MAX_MESSAGE_BYTES = 1 << 20

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
