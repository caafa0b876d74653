/**
 * What the localnet server does with one message, before and including the chain state: decode it with the
 * protocol's Schemas, check the signature and nonce of a mutating call, and run it on the chain state. Everything
 * here is synchronous, so requests run one at a time in arrival order; nothing reaches the state undecoded, and a
 * refused request changes nothing (a correctly signed call the chain refuses spends its nonce, as on a chain).
 */
import { Exit, Schema } from "effect"
import { verifyMessage } from "../../keys/Keys.ts"
import { isMutating } from "../ChainCall.ts"
import { ChainError } from "../ChainError.ts"
import { runCall } from "../mock/MockChainState.ts"
import type { LocalnetChain } from "./LocalnetChain.ts"
import type { Method, RpcResponse } from "./protocol.ts"
import { decode, localnetCalls, Request, signingMessage } from "./protocol.ts"

/** What to do with one message: answer now, wait for a block, or answer after the state is saved. */
export type Dispatched =
  | { readonly kind: "reply"; readonly response: RpcResponse }
  | { readonly kind: "wait"; readonly id: number; readonly block: number }
  | { readonly kind: "changed"; readonly response: RpcResponse }

const refusal = (id: number, reason: string, detail: string, lastNonce?: number): Dispatched => ({
  kind: "reply",
  response: {
    id,
    ok: false,
    error: {
      reason,
      detail: detail.replace(/\s+/g, " ").slice(0, 400),
      ...(lastNonce === undefined ? {} : { lastNonce }),
    },
  },
})

const decodeRequest = Schema.decodeUnknownExit(Request)
const decodeParams = Object.fromEntries(
  Object.entries(localnetCalls).map(([method, call]) => [method, Schema.decodeUnknownExit(Schema.Tuple(call.params))]),
) as unknown as Record<Method, (u: unknown) => Exit.Exit<ReadonlyArray<any>, Schema.SchemaError>>

export function makeDispatcher(chain: LocalnetChain, sudo: string, advance: (blocks?: number) => unknown) {
  /** What the localnet answers itself; every other call is the chain state's entry point of the same name. */
  const own: Partial<Record<Method, (params: ReadonlyArray<any>) => unknown>> = {
    genesis: () => chain.genesisId(),
    nonce: ([account]) => chain.lastNonce(account),
    // The subnet owner, or the sudo key on any subnet (AdminUtils' ensure_subnet_owner_or_root).
    setHyperparameters: ([netuid, coldkey, patch]) =>
      chain.setHyperparameters(
        netuid,
        coldkey === sudo ? chain.subnetState(netuid, "light").ownerColdkey : coldkey,
        patch,
      ),
    advance: ([blocks]) => void advance(blocks),
  }
  const run = (method: Method, params: ReadonlyArray<any>): unknown =>
    (own[method] ?? ((p) => runCall(chain, method as Exclude<Method, "waitForBlock" | "genesis" | "nonce">, p)))(
      params,
    )

  return (text: string): Dispatched => {
    let raw: unknown
    try {
      raw = decode(text)
    } catch {
      return refusal(-1, "InvalidArguments", "a request is one JSON object {id, method, params, signed?}")
    }
    const request = decodeRequest(raw)
    const rawId = (raw as { id?: unknown } | null)?.id
    if (Exit.isFailure(request)) {
      return refusal(
        Number.isSafeInteger(rawId) ? rawId as number : -1,
        "InvalidArguments",
        `not a request: ${String(request.cause)}`,
      )
    }
    const { id, method, params: rawParams, signed } = request.value
    const params = decodeParams[method](rawParams)
    if (Exit.isFailure(params)) return refusal(id, "InvalidArguments", `${method}: ${String(params.cause)}`)

    const call = localnetCalls[method]
    const mutating = isMutating(call)
    if (mutating) {
      const wanted = call.kind === "signed" ? call.signer(params.value as never) : "sudo"
      const account = wanted === "sudo" ? sudo : wanted
      if (signed === undefined) {
        return refusal(
          id,
          "BadOrigin",
          `${method} must be signed by ${wanted === "sudo" ? `the sudo key ${sudo}` : account}`,
        )
      }
      if (signed.account !== account) {
        return refusal(id, "BadOrigin", `${method} acts for ${account} but is signed by ${signed.account}`)
      }
      if (
        !verifyMessage(
          signingMessage(chain.genesisId(), method, rawParams, signed.nonce),
          signed.signature,
          signed.account,
        )
      ) {
        return refusal(id, "BadOrigin", `${method}: the signature is not ${account}'s over this chain, call and nonce`)
      }
      const last = chain.lastNonce(account)
      if (signed.nonce <= last) {
        return refusal(
          id,
          "BadOrigin",
          `${method}: nonce ${signed.nonce} is not above ${account}'s last nonce ${last} (a replay?)`,
          last,
        )
      }
      chain.acceptNonce(account, signed.nonce)
    }
    if (call.kind === "wait") return { kind: "wait", id, block: params.value[0] }
    try {
      const result = run(method, params.value)
      const response: RpcResponse = { id, ok: true, result: result === undefined ? null : result }
      return mutating ? { kind: "changed", response } : { kind: "reply", response }
    } catch (e) {
      // The state throws a ChainError before changing anything; anything else is a bug, answered without a crash.
      const reply = e instanceof ChainError
        ? refusal(id, e.reason, e.detail)
        : refusal(id, "InvalidArguments", `internal error: ${String(e)}`)
      return mutating ? { kind: "changed", response: (reply as { response: RpcResponse }).response } : reply
    }
  }
}
