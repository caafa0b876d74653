/**
 * How a chain call is declared, once, as data (in the spirit of Effect's `Rpc.make`): its parameters and result as
 * Schemas, who signs it, and the runtime extrinsic it maps to. The table written with these (`chainCalls.ts`) is the
 * one list of calls: the `Chain` and `ChainControl` interfaces, the mock chain's entry points, the localnet protocol,
 * dispatch and client, the simulation's trace and replay, and SubtensorChain's extrinsics are all derived from it.
 *
 * Four kinds: a `read` answers from the chain's state; a `signed` call changes it and is signed by the account it acts
 * for; a `control` call (produce blocks, fund an account) is the chain operator's, signed on a localnet by its sudo
 * key; the one `wait` call is answered by the chain head.
 */
import type { Effect, Schema } from "effect"
import type { ChainError, ChainUnavailable } from "./ChainError.ts"

/** Positional parameters, each a Schema (`Schema.optionalKey(...)` for a trailing optional one). */
export type ParamSchemas = ReadonlyArray<Schema.Top>

/** The parameters' TypeScript tuple. */
export type ParamsOf<P extends ParamSchemas> = Schema.Tuple<P>["Type"]

interface Declared<Kind extends string, P extends ParamSchemas, R extends Schema.Top> {
  readonly kind: Kind
  readonly params: P
  readonly result: R
}

export interface ReadCall<P extends ParamSchemas = ParamSchemas, R extends Schema.Top = Schema.Top>
  extends Declared<"read", P, R>
{
  /** Whether the chain may refuse it with a `ChainError` (a subnet that does not exist); `false`: never. */
  readonly refusable: boolean
}

export interface SignedCall<P extends ParamSchemas = ParamSchemas, R extends Schema.Top = Schema.Top>
  extends Declared<"signed", P, R>
{
  /** The account it acts for, which must sign it. */
  readonly signer: (params: ParamsOf<P>) => string
  /** The runtime extrinsic(s) SubtensorChain sends for it, as `Pallet.call_name` (checked against recorded runtimes). */
  readonly runtime: string
}

export interface ControlCall<P extends ParamSchemas = ParamSchemas, R extends Schema.Top = Schema.Top>
  extends Declared<"control", P, R>
{}

export interface WaitCall<P extends ParamSchemas = ParamSchemas, R extends Schema.Top = Schema.Top>
  extends Declared<"wait", P, R>
{}

export type ChainCall = ReadCall | SignedCall | ControlCall | WaitCall

/** A call that reads; `refusable: false` for one that only fails when the chain cannot be reached. */
export const read = <const P extends ParamSchemas, R extends Schema.Top, const Refusable extends boolean>(
  spec: { readonly params: P; readonly result: R; readonly refusable: Refusable },
): ReadCall<P, R> & { readonly refusable: Refusable } => ({ kind: "read", ...spec })

/** A call that changes the chain, signed by the account `signer` names. */
export const signed = <const P extends ParamSchemas, R extends Schema.Top>(
  spec: {
    readonly params: P
    readonly result: R
    readonly signer: (params: ParamsOf<P>) => string
    readonly runtime: string
  },
): SignedCall<P, R> => ({ kind: "signed", ...spec })

/** The chain operator's call: a test's or a localnet's (its sudo key), never a neuron's. */
export const control = <const P extends ParamSchemas, R extends Schema.Top>(
  spec: { readonly params: P; readonly result: R },
): ControlCall<P, R> => ({ kind: "control", ...spec })

/** Waiting for a block: answered by the chain head (no call timeout). */
export const wait = <const P extends ParamSchemas, R extends Schema.Top>(
  spec: { readonly params: P; readonly result: R },
): WaitCall<P, R> => ({ kind: "wait", ...spec })

// --- what is derived from a table of calls ----------------------------------------------------------------------

type ErrorOf<C> = C extends { readonly kind: "wait" } | { readonly kind: "read"; readonly refusable: false }
  ? ChainUnavailable
  : ChainError | ChainUnavailable

/** One call as an Effect method; a call without parameters is a value, as `chain.currentBlock` is. */
export type Method<C extends ChainCall> = C["params"] extends readonly [] ?
  Effect.Effect<C["result"]["Type"], ErrorOf<C>>
  : (...params: ParamsOf<C["params"]>) => Effect.Effect<C["result"]["Type"], ErrorOf<C>>

/** A service's methods, one per call of the table. */
export type Methods<Calls extends Record<string, ChainCall>> = { readonly [K in keyof Calls]: Method<Calls[K]> }

/** One call as the mock chain's state machine runs it: synchronous, throwing a `ChainError` when refused. */
export type StateMethod<C extends ChainCall> = (...params: ParamsOf<C["params"]>) => C["result"]["Type"]

/** The state machine's entry points: every call of the table but the wait (the chain head answers that). */
export type StateMethods<Calls extends Record<string, ChainCall>> = {
  readonly [K in keyof Calls as Calls[K] extends WaitCall ? never : K]: StateMethod<Calls[K]>
}

/** The names of the table's calls that change the chain (signed and control calls): what a trace records. */
export type MutatingName<Calls extends Record<string, ChainCall>> = {
  [K in keyof Calls]: Calls[K] extends SignedCall | ControlCall ? K : never
}[keyof Calls]

export const isMutating = (call: ChainCall): call is SignedCall | ControlCall =>
  call.kind === "signed" || call.kind === "control"

/**
 * Builds a service from a table: `implement(name, call)` gives each call's behaviour for its parameters as an array.
 * Calls without parameters become values (their Effect), the others functions. The result's type is the table's
 * (`Methods<Calls>`): the one place that view is asserted, since TypeScript cannot follow a map over the keys.
 */
export const implementCalls = <Calls extends Record<string, ChainCall>, A>(
  calls: Calls,
  implement: (name: keyof Calls & string, call: Calls[keyof Calls]) => (params: ReadonlyArray<unknown>) => A,
): Methods<Calls> =>
  Object.fromEntries(
    Object.entries(calls).map(([name, call]) => {
      const run = implement(name, call as Calls[keyof Calls])
      return [name, call.params.length === 0 ? run([]) : (...params: ReadonlyArray<unknown>) => run(params)]
    }),
  ) as unknown as Methods<Calls>
