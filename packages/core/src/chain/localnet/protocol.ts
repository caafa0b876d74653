/**
 * The localnet wire protocol: JSON messages over one WebSocket. A request is `{id, method, params}`, its response
 * `{id, ok: true, result}` or `{id, ok: false, error: {reason, detail}}` (a runtime-named `ChainError`). bigints
 * travel as `{"$bigint": "123"}` so balances and stakes stay exact.
 */
export interface RpcRequest {
  readonly id: number
  readonly method: string
  readonly params: ReadonlyArray<unknown>
}

export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly reason: string; readonly detail: string } }

export const encode = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? { $bigint: v.toString() } : v))

export const decode = (text: string): unknown =>
  JSON.parse(text, (_key, v) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.$bigint === "string" && Object.keys(v).length === 1 && /^-?\d+$/.test(v.$bigint)
      ? BigInt(v.$bigint)
      : v)

/** The methods a localnet serves: the `Chain` calls plus the `ChainControl` ones (`advance`, `fund`). */
export const METHODS = [
  "currentBlock", "waitForBlock", "balance", "createSubnet", "hyperparameters", "setHyperparameters", "registrationCost",
  "burnedRegister", "addStake", "serveAxon", "setWeights", "commitWeights", "revealWeights", "subnetState", "advance", "fund",
] as const
export type Method = (typeof METHODS)[number]
