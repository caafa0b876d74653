/**
 * What a simulation did to the chain, in order: every state-changing call that succeeded (each signed and control
 * call of `chainCalls.ts`, block advances included), recorded with its parameters. The same trace replayed on a fresh
 * mock chain under another mechanism gives that mechanism's payouts for exactly the same answers, scores and weights
 * (`subnet simulate --compare`). Both directions go by the call table, so a call added there is recorded and
 * replayed without an edit here.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { Effect } from "effect"
import type { MutatingName, ParamsOf } from "../chain/ChainCall.ts"
import { isMutating } from "../chain/ChainCall.ts"
import type { AllCalls } from "../chain/chainCalls.ts"
import { allCalls } from "../chain/chainCalls.ts"
import { ChainError } from "../chain/ChainError.ts"
import { MockChainState, runCall } from "../chain/mock/MockChainState.ts"
import type { EpochPayout } from "../chain/mock/runEpoch.ts"
import type { SubnetSnapshot } from "../chain/types.ts"

/** The names of the calls a trace records: every signed and control call of the table. */
export type TracedName = MutatingName<AllCalls>
export const TRACED: ReadonlyArray<TracedName> = Object.entries(allCalls).flatMap(([name, call]) =>
  isMutating(call) ? [name as TracedName] : []
)

/** One recorded call: its name and its parameters as given. */
export type TraceCall = {
  readonly [K in TracedName]: { readonly kind: K; readonly params: ParamsOf<AllCalls[K]["params"]> }
}[TracedName]

/**
 * `service` (a `Chain`, `ChainControl` or `MockChain`), recording into `trace` each of its traced calls that succeeds.
 * Calls it does not have, and every other method, are left as they are.
 */
export function recording<S extends object>(service: S, trace: Array<TraceCall>): S {
  const wrapped: Record<string, unknown> = { ...(service as Record<string, unknown>) }
  const record =
    (kind: TracedName, params: ReadonlyArray<unknown>) => (effect: Effect.Effect<unknown, unknown, never>) =>
      Effect.tap(effect, () => Effect.sync(() => void trace.push({ kind, params } as unknown as TraceCall)))
  for (const kind of TRACED) {
    const method = (service as Record<string, unknown>)[kind]
    // A call without parameters is a value (an Effect), the others functions (see `implementCalls`).
    if (Effect.isEffect(method)) wrapped[kind] = record(kind, [])(method as Effect.Effect<unknown, unknown, never>)
    else if (typeof method === "function") {
      wrapped[kind] = (...params: ReadonlyArray<unknown>) =>
        record(kind, params)(method(...params) as Effect.Effect<unknown, unknown, never>)
    }
  }
  return wrapped as S
}

/**
 * Replays `trace` on a fresh mock chain whose subnets use `mechanism`, calling `onEpoch` with the subnet as each
 * epoch left it. A call the other mechanism's chain refuses (e.g. weights from a validator that lost its permit there)
 * is skipped and counted.
 */
export function replayTrace(
  trace: ReadonlyArray<TraceCall>,
  options: {
    readonly mechanism: string
    readonly mechanisms?: Readonly<Record<string, Mechanism>>
    readonly onEpoch: (snapshot: SubnetSnapshot, payout: EpochPayout) => void
  },
): { readonly refused: number; readonly chain: MockChainState } {
  const chain = MockChainState.genesis({}, options.mechanisms, options.mechanism)
  let refused = 0
  for (const call of trace) {
    try {
      // The recorded call, by name, on the state: the entry point the mock chain ran it through.
      const result = runCall(chain, call.kind, call.params)
      if (call.kind === "advance") {
        for (const payout of result as ReadonlyArray<EpochPayout>) {
          options.onEpoch(chain.subnetState(payout.netuid), payout)
        }
      }
    } catch (e) {
      if (!(e instanceof ChainError)) throw e
      refused++
    }
  }
  return { refused, chain }
}
