/**
 * A `Chain` (and `ChainControl`) that is a client of a localnet server. One WebSocket, reopened with backoff when the
 * server goes away; calls made while it is down, or in flight when it drops, fail at once with `ChainUnavailable`
 * (never hang), so callers decide whether to retry.
 *
 * Each mutating call is signed by the account it acts for with the key from the `Signer` (no key: `BadOrigin`, and
 * nothing is sent), with a nonce above the account's last one; `advance` and `fund` are signed by the sudo key.
 */
import { Context, Effect, Layer } from "effect"
import WebSocket from "ws"
import { DEV_SUDO_ADDRESS } from "../../keys/devKeys.ts"
import type { Keypair } from "../../keys/Keys.ts"
import { keysReady, signMessage } from "../../keys/Keys.ts"
import { Chain } from "../Chain.ts"
import { ChainControl } from "../ChainControl.ts"
import type { ChainErrorReason } from "../ChainError.ts"
import { ChainError, ChainUnavailable } from "../ChainError.ts"
import { Signer } from "../Signer.ts"
import type { Method, RpcResponse } from "./protocol.ts"
import { decode, encode, signingMessage } from "./protocol.ts"

export interface RemoteChainOptions {
  readonly url: string
  /** Longest wait for a reply, except `waitForBlock` (default 30 s). */
  readonly callTimeoutMs?: number
  /** The server's sudo account, which signs `advance` and `fund` (default `//Alice`). */
  readonly sudo?: string
}

class Connection {
  private socket: WebSocket | null = null
  private nextId = 1
  private backoffMs = 100
  private closed = false
  /** Counts the opens: after a reconnect the server may be another chain (a new genesis id, fresh nonces). */
  generation = 0
  private readonly pending = new Map<number, { resolve: (r: RpcResponse) => void; reject: (e: Error) => void }>()

  constructor(private readonly url: string) {
    this.connect()
  }

  private connect() {
    if (this.closed) return
    const socket = new WebSocket(this.url)
    socket.on("open", () => {
      this.socket = socket
      this.generation += 1
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

  request(
    method: Method,
    params: ReadonlyArray<unknown>,
    timeoutMs: number | null,
    signed?: { account: string; nonce: number; signature: string },
  ): Promise<RpcResponse> {
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
      socket.send(encode({ id, method, params, ...(signed === undefined ? {} : { signed }) }))
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

export const layer = (options: RemoteChainOptions): Layer.Layer<Chain | ChainControl, never, Signer> =>
  Layer.effectContext(Effect.gen(function*() {
    const signer = yield* Signer
    yield* keysReady // signing uses the WebAssembly sr25519
    const connection = yield* Effect.acquireRelease(
      Effect.sync(() => new Connection(options.url)),
      (c) => Effect.sync(() => c.close()),
    )
    yield* Effect.promise(() => connection.ready(2_000))
    const timeout = options.callTimeoutMs ?? 30_000
    const sudo = options.sudo ?? DEV_SUDO_ADDRESS

    const send = (
      method: Method,
      params: ReadonlyArray<unknown>,
      signed?: { account: string; nonce: number; signature: string },
    ) =>
      Effect.tryPromise({
        try: () => connection.request(method, params, method === "waitForBlock" ? null : timeout, signed),
        catch: (e) => new ChainUnavailable({ url: options.url, detail: (e as Error).message }),
      })
    const call = <A>(method: Method, ...params: ReadonlyArray<unknown>) =>
      Effect.flatMap(send(method, params), (response) => result<A>(response))
    const result = <A>(response: RpcResponse): Effect.Effect<A, ChainError> =>
      response.ok
        ? Effect.succeed(response.result as A)
        : Effect.fail(
          new ChainError({ reason: response.error.reason as ChainErrorReason, detail: response.error.detail }),
        )
    /** A call the server never refuses: a refusal would be a protocol bug. */
    const read = <A>(method: Method, ...params: ReadonlyArray<unknown>) =>
      call<A>(method, ...params).pipe(Effect.catchTag("ChainError", (e) => Effect.die(e)))

    /**
     * What signing needs from the server, fetched again on each new connection: the chain's genesis id, which every
     * signature covers, and the last nonce used per account (the server keeps the truth, fetched on first use and
     * after a refusal).
     */
    let session = { generation: -1, genesis: "", nonces: new Map<string, number>() }
    const currentSession = Effect.gen(function*() {
      const generation = connection.generation
      if (session.generation === generation) return session
      const genesis = yield* Effect.mapError(
        call<string>("genesis"),
        (e) =>
          e._tag === "ChainError"
            ? new ChainError({
              reason: "InvalidArguments",
              detail:
                `${options.url} is a localnet older than this client (it has no genesis id to sign over): ${e.detail}`,
            })
            : e,
      )
      session = { generation, genesis, nonces: new Map() }
      return session
    })

    /** Signs and sends a call acting for `account`; a nonce another process used first is replaced (twice at most). */
    const signedCall = <A>(account: string, method: Method, ...params: ReadonlyArray<unknown>) =>
      Effect.gen(function*() {
        const pair: Keypair = yield* signer.keypairFor(account)
        const { genesis, nonces } = yield* currentSession
        if (!nonces.has(account)) {
          const last = yield* read<number>("nonce", account)
          nonces.set(account, Math.max(nonces.get(account) ?? 0, last))
        }
        for (let attempt = 0;; attempt++) {
          const nonce = nonces.get(account)! + 1
          nonces.set(account, nonce)
          const signature = signMessage(pair, signingMessage(genesis, method, params, nonce))
          const response = yield* send(method, params, { account, nonce, signature })
          if (response.ok || response.error.lastNonce === undefined || attempt === 2) return yield* result<A>(response)
          nonces.set(account, Math.max(nonces.get(account)!, response.error.lastNonce))
        }
      })

    const chain = Chain.of({
      revealTakesSalt: true, // the localnet runs the mock chain's rules
      currentBlock: read<number>("currentBlock"),
      waitForBlock: (block) => read<number>("waitForBlock", block),
      balance: (coldkey) => read<bigint>("balance", coldkey),
      createSubnet: (input) =>
        signedCall<number>(input.coldkey, "createSubnet", { coldkey: input.coldkey, hotkey: input.hotkey }),
      hyperparameters: (netuid) => call("hyperparameters", netuid),
      setHyperparameters: (netuid, coldkey, patch) =>
        signedCall<void>(coldkey, "setHyperparameters", netuid, coldkey, patch),
      registrationCost: (netuid) => call<bigint>("registrationCost", netuid),
      burnedRegister: (input) => signedCall<number>(input.coldkey, "burnedRegister", input),
      addStake: (input) => signedCall<void>(input.coldkey, "addStake", input),
      serveAxon: (input) => signedCall<void>(input.hotkey, "serveAxon", input),
      setWeights: (input) => signedCall<void>(input.hotkey, "setWeights", input),
      commitWeights: (input) => signedCall<void>(input.hotkey, "commitWeights", input),
      revealWeights: (input) => signedCall<void>(input.hotkey, "revealWeights", input),
      subnetState: (netuid, detail = "full") => call("subnetState", netuid, detail),
    })
    const control = ChainControl.of({
      advance: (blocks = 1) => signedCall(sudo, "advance", blocks),
      fund: (coldkey, rao) => signedCall<void>(sudo, "fund", coldkey, rao),
    })
    return Context.make(Chain, chain).pipe(Context.add(ChainControl, control))
  }))
