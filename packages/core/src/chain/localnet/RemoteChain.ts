/**
 * A `Chain` (and `ChainControl`) that is a client of a localnet server. One WebSocket, reopened with backoff when the
 * server goes away; calls made while it is down, or in flight when it drops, fail at once with `ChainUnavailable`
 * (never hang), so callers decide whether to retry.
 */
import { Context, Effect, Layer } from "effect"
import WebSocket from "ws"
import { Chain } from "../Chain.ts"
import { ChainControl } from "../ChainControl.ts"
import type { ChainErrorReason } from "../ChainError.ts"
import { ChainError, ChainUnavailable } from "../ChainError.ts"
import type { Method, RpcResponse } from "./protocol.ts"
import { decode, encode } from "./protocol.ts"

export interface RemoteChainOptions {
  readonly url: string
  /** Longest wait for a reply, except `waitForBlock` (default 30 s). */
  readonly callTimeoutMs?: number
}

class Connection {
  private socket: WebSocket | null = null
  private nextId = 1
  private backoffMs = 100
  private closed = false
  private readonly pending = new Map<number, { resolve: (r: RpcResponse) => void; reject: (e: Error) => void }>()

  constructor(private readonly url: string) {
    this.connect()
  }

  private connect() {
    if (this.closed) return
    const socket = new WebSocket(this.url)
    socket.on("open", () => {
      this.socket = socket
      this.backoffMs = 100
    })
    socket.on("message", (data: Buffer) => {
      const response = decode(data.toString("utf8")) as RpcResponse
      const waiter = this.pending.get(response.id)
      this.pending.delete(response.id)
      waiter?.resolve(response)
    })
    socket.on("error", () => {}) // 'close' follows; reconnection happens there
    socket.on("close", () => {
      if (this.socket === socket) this.socket = null
      for (const [id, waiter] of this.pending) {
        this.pending.delete(id)
        waiter.reject(new Error("the connection closed with the call in flight"))
      }
      setTimeout(() => this.connect(), this.backoffMs)
      this.backoffMs = Math.min(this.backoffMs * 2, 2_000)
    })
  }

  request(method: Method, params: ReadonlyArray<unknown>, timeoutMs: number | null): Promise<RpcResponse> {
    const socket = this.socket
    if (socket === null || socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error("not connected"))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === null ? undefined : setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`no reply to ${method} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      })
      socket.send(encode({ id, method, params }))
    })
  }

  /** Resolves once connected (or after `timeoutMs`). */
  async ready(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs
    while (this.socket === null && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
  }

  close() {
    this.closed = true
    this.socket?.terminate()
  }
}

export const layer = (options: RemoteChainOptions): Layer.Layer<Chain | ChainControl> =>
  Layer.effectContext(Effect.gen(function*() {
    const connection = yield* Effect.acquireRelease(Effect.sync(() => new Connection(options.url)), (c) => Effect.sync(() => c.close()))
    yield* Effect.promise(() => connection.ready(2_000))
    const timeout = options.callTimeoutMs ?? 30_000

    const call = <A>(method: Method, ...params: ReadonlyArray<unknown>) =>
      Effect.tryPromise({
        try: () => connection.request(method, params, method === "waitForBlock" ? null : timeout),
        catch: (e) => new ChainUnavailable({ url: options.url, detail: (e as Error).message }),
      }).pipe(Effect.flatMap((response) =>
        response.ok
          ? Effect.succeed(response.result as A)
          : Effect.fail(new ChainError({ reason: response.error.reason as ChainErrorReason, detail: response.error.detail }))
      ))
    /** A call the server never refuses: a refusal would be a protocol bug. */
    const read = <A>(method: Method, ...params: ReadonlyArray<unknown>) =>
      call<A>(method, ...params).pipe(Effect.catchTag("ChainError", (e) => Effect.die(e)))

    const chain = Chain.of({
      currentBlock: read<number>("currentBlock"),
      waitForBlock: (block) => read<number>("waitForBlock", block),
      balance: (coldkey) => read<bigint>("balance", coldkey),
      createSubnet: (input) => call<number>("createSubnet", input),
      hyperparameters: (netuid) => call("hyperparameters", netuid),
      setHyperparameters: (netuid, coldkey, patch) => call<void>("setHyperparameters", netuid, coldkey, patch),
      registrationCost: (netuid) => call<bigint>("registrationCost", netuid),
      burnedRegister: (input) => call<number>("burnedRegister", input),
      addStake: (input) => call<void>("addStake", input),
      serveAxon: (input) => call<void>("serveAxon", input),
      setWeights: (input) => call<void>("setWeights", input),
      commitWeights: (input) => call<void>("commitWeights", input),
      revealWeights: (input) => call<void>("revealWeights", input),
      subnetState: (netuid) => call("subnetState", netuid),
    })
    const control = ChainControl.of({
      advance: (blocks = 1) => read("advance", blocks),
      fund: (coldkey, rao) => call<void>("fund", coldkey, rao),
    })
    return Context.make(Chain, chain).pipe(Context.add(ChainControl, control))
  }))
