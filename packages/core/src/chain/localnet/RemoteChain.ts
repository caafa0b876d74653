/**
 * A `Chain` (and `ChainControl`) that is a client of a localnet server. One WebSocket, reopened with backoff when the
 * server goes away; calls made while it is down, or in flight when it drops, fail at once with `ChainUnavailable`
 * (never hang), so callers decide whether to retry.
 *
 * Each mutating call is signed by the account it acts for with the key from the `Signer` (no key: `BadOrigin`, and
 * nothing is sent), with a nonce above the account's last one; `advance` and `fund` are signed by the sudo key.
 */
import { Context, Effect, Layer, Schema } from "effect"
import WebSocket from "ws"
import { DEV_SUDO_ADDRESS } from "../../keys/devKeys.ts"
import type { Keypair } from "../../keys/Keys.ts"
import { keysReady, signMessage } from "../../keys/Keys.ts"
import { Chain } from "../Chain.ts"
import type { ChainCall } from "../ChainCall.ts"
import { implementCalls } from "../ChainCall.ts"
import { chainCalls, controlCalls } from "../chainCalls.ts"
import { ChainControl } from "../ChainControl.ts"
import { ChainError, ChainErrorReason, ChainUnavailable } from "../ChainError.ts"
import { Signer } from "../Signer.ts"
import type { Method, RpcResponse } from "./protocol.ts"
import { decode, encode, localnetCalls, signingMessage } from "./protocol.ts"

const decodeResult = Object.fromEntries(
  Object.entries(localnetCalls).map(([method, call]) => [method, Schema.decodeUnknownEffect(call.result)]),
) as unknown as Record<Method, (u: unknown) => Effect.Effect<unknown, Schema.SchemaError>>

/** A refusal as the server names it; a reason this client does not know stays readable, as `RuntimeRefused`. */
const refusalOf = (error: { readonly reason: string; readonly detail: string }): ChainError =>
  Schema.is(ChainErrorReason)(error.reason)
    ? new ChainError({ reason: error.reason, detail: error.detail })
    : new ChainError({ reason: "RuntimeRefused", detail: `${error.reason}: ${error.detail}` })

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
        try: () => connection.request(method, params, localnetCalls[method].kind === "wait" ? null : timeout, signed),
        catch: (e) => new ChainUnavailable({ url: options.url, detail: (e as Error).message }),
      })
    /** The call's answer: its result decoded with the declared Schema, or the refusal the server named. */
    const result = (method: Method, response: RpcResponse): Effect.Effect<unknown, ChainError> =>
      response.ok
        ? decodeResult[method](response.result === null ? undefined : response.result).pipe(
          Effect.mapError((e) => new Error(`${options.url} answered ${method} with no such result: ${e.message}`)),
          Effect.orDie,
        )
        : Effect.fail(refusalOf(response.error))
    const call = (method: Method, params: ReadonlyArray<unknown>) =>
      Effect.flatMap(send(method, params), (response) => result(method, response))
    /** A call the server never refuses: a refusal would be a protocol bug. */
    const read = (method: Method, params: ReadonlyArray<unknown>) =>
      call(method, params).pipe(Effect.catchTag("ChainError", (e) => Effect.die(e)))

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
        call("genesis", []) as Effect.Effect<string, ChainError | ChainUnavailable>,
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
    const signedCall = (account: string, method: Method, params: ReadonlyArray<unknown>) =>
      Effect.gen(function*() {
        const pair: Keypair = yield* signer.keypairFor(account)
        const { genesis, nonces } = yield* currentSession
        if (!nonces.has(account)) {
          const last = (yield* read("nonce", [account])) as number
          nonces.set(account, Math.max(nonces.get(account) ?? 0, last))
        }
        for (let attempt = 0;; attempt++) {
          const nonce = nonces.get(account)! + 1
          nonces.set(account, nonce)
          const signature = signMessage(pair, signingMessage(genesis, method, params, nonce))
          const response = yield* send(method, params, { account, nonce, signature })
          if (response.ok || response.error.lastNonce === undefined || attempt === 2) {
            return yield* result(method, response)
          }
          nonces.set(account, Math.max(nonces.get(account)!, response.error.lastNonce))
        }
      })

    /** Each call as the table declares it: a read as is, a signed call by its account, a control by the sudo key. */
    const implement = (name: Method, declared: ChainCall) => (given: ReadonlyArray<unknown>) => {
      // A trailing optional parameter left out is not sent (JSON would make it null).
      const params = given.slice(0, given.findLastIndex((p) => p !== undefined) + 1)
      switch (declared.kind) {
        case "signed":
          return signedCall(declared.signer(params as never), name, params)
        case "control":
          return signedCall(sudo, name, params)
        default:
          return declared.kind === "read" && declared.refusable ? call(name, params) : read(name, params)
      }
    }
    const chain = Chain.of({
      revealTakesSalt: true, // the localnet runs the mock chain's rules
      ...implementCalls(chainCalls, implement),
    })
    const control = ChainControl.of(implementCalls(controlCalls, implement))
    return Context.make(Chain, chain).pipe(Context.add(ChainControl, control))
  }))
