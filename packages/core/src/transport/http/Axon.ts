/**
 * The miner's HTTP server. Checks, in this order, and answers the first failure with a status and a JSON
 * `{error, message}` (logging one structured line per refusal): body size → required headers → signature (fail
 * closed) → timestamp window and uuid replay cache → route → caller policy, schema decode (the endpoint) → stake-
 * ordered concurrency limit → handler under its deadline. Answers are signed by the miner's hotkey for the caller.
 * The same checks serve `POST /<subnet>` over HTTP and messages on a WebSocket at `/<subnet>/ws` (`AxonWs.ts`).
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import type { Effect } from "effect"
import type { Keypair } from "../../keys/Keys.ts"
import type { MinerEndpoint, WireReply } from "../Transport.ts"
import { ConcurrencyLimit } from "./ConcurrencyLimit.ts"
import type { Headers } from "./signing.ts"
import { ReplayCache, signHeaders, verifyHeaders } from "./signing.ts"
import { serveWebSockets } from "./AxonWs.ts"
import { errorResponse } from "./statusOf.ts"

export interface AxonOptions {
  readonly endpoint: MinerEndpoint
  /** The miner's hotkey: it must be `endpoint.hotkey`. */
  readonly pair: Keypair
  /** Runs the endpoint's Effect (e.g. `Effect.runPromiseWith(context)`). */
  readonly run: (reply: Effect.Effect<WireReply>) => Promise<WireReply>
  readonly host?: string
  /** 0 (default) picks a free port. */
  readonly port?: number
  /** How far a request's timestamp may be from the miner's clock (default 8 s, as Epistula). */
  readonly freshnessMs?: number
  readonly maxConcurrent?: number
  readonly maxQueued?: number
  /** Upper bound of a handler's deadline; a request may ask for less with `x-timeout-ms`. */
  readonly maxDeadlineMs?: number
  /** Whole-request read timeout: a client slower than this gets 408 (default 10 s). */
  readonly requestTimeoutMs?: number
  /** Where refusal lines go (default: one JSON line on stderr). */
  readonly log?: (line: Record<string, unknown>) => void
  /** Called for every response with its status (for metrics). */
  readonly observe?: (status: number) => void
  readonly now?: () => number
  /** Benchmarks only: accept unsigned requests as from `caller` and send unsigned answers. Never in production. */
  readonly insecureUnsigned?: { readonly caller: string }
}

export interface RunningAxon {
  readonly host: string
  readonly port: number
  readonly close: () => Promise<void>
  /** Requests answered, by HTTP status. */
  readonly counts: () => Readonly<Record<number, number>>
}

/** A response: status, JSON text and (for answers) the signature headers. */
export interface Outcome {
  readonly status: number
  readonly text: Buffer
  readonly headers: Record<string, string>
}

/** The body, unless it grows past `maxBytes` or takes longer than `timeoutMs` to arrive. */
function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer | "too-large" | "too-slow"> {
  return new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const done = (result: Buffer | "too-large" | "too-slow") => {
      clearTimeout(timer)
      req.removeAllListeners("data")
      resolve(result)
    }
    const timer = setTimeout(() => done("too-slow"), timeoutMs)
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) done("too-large")
      else chunks.push(chunk)
    })
    req.on("end", () => done(Buffer.concat(chunks)))
    req.on("error", () => done("too-slow"))
  })
}

export function startAxon(options: AxonOptions): Promise<RunningAxon> {
  const { endpoint, pair } = options
  if (pair.address !== endpoint.hotkey) throw new Error(`the axon key ${pair.address} is not the endpoint's hotkey ${endpoint.hotkey}`)
  const maxBody = endpoint.limits.maxRequestBytes
  const freshnessMs = options.freshnessMs ?? 8_000
  const maxDeadlineMs = options.maxDeadlineMs ?? 12_000
  const now = options.now ?? Date.now
  const replays = new ReplayCache(freshnessMs)
  const limit = new ConcurrencyLimit(options.maxConcurrent ?? 32, options.maxQueued ?? 256)
  const log = options.log ?? ((line) => process.stderr.write(JSON.stringify(line) + "\n"))
  const counts: Record<number, number> = {}

  /** A refusal as a response: counted and logged (one structured line), with a JSON `{error, message}` body. */
  const refusal = (reply: Exclude<WireReply, { status: "ok" }>, where: string, caller?: string): Outcome => {
    const { status, body } = errorResponse(reply)
    counts[status] = (counts[status] ?? 0) + 1
    options.observe?.(status)
    log({ level: "warn", event: "axon.refused", status, error: body.error, message: body.message, caller: caller ?? null, path: where, hotkey: endpoint.hotkey })
    return { status, text: Buffer.from(JSON.stringify(body)), headers: {} }
  }

  /** Steps 2–8 for a request whose body has been read: the same for HTTP and ws. */
  const answer = async (headers: Headers, body: Buffer, method: string, path: string, askedDeadlineMs: number, onChunk?: (text: string) => void): Promise<Outcome> => {
    const where = `${method} ${path}`
    // 2–3. Headers and signature (fail closed).
    const verified = options.insecureUnsigned
      ? { ok: true as const, signedBy: options.insecureUnsigned.caller, uuid: randomUUID(), timestampMs: now() }
      : verifyHeaders(headers, body, endpoint.hotkey)
    if (!verified.ok) {
      return refusal(verified.missing
        ? { status: "refused", code: "bad-request", detail: verified.reason }
        : { status: "refused", code: "bad-signature", detail: verified.reason }, where)
    }
    const caller = verified.signedBy
    const notAdmitted = endpoint.admit(caller)
    if (notAdmitted !== null) return refusal({ status: "refused", code: "not-allowed", detail: notAdmitted }, where, caller)
    if (body.length > maxBody) return refusal({ status: "refused", code: "too-large", detail: `body of ${body.length} bytes exceeds ${maxBody} bytes` }, where, caller)
    // 4. Freshness and replay.
    const skew = verified.timestampMs - now()
    if (Math.abs(skew) > freshnessMs) {
      return refusal({ status: "refused", code: "bad-signature", detail: `timestamp is ${skew > 0 ? "in the future" : "stale"} by ${Math.abs(skew)} ms (window ${freshnessMs} ms)` }, where, caller)
    }
    const admitted = replays.admit(verified.uuid, now())
    if (admitted === "replay") return refusal({ status: "refused", code: "bad-signature", detail: `uuid ${verified.uuid} was already used (replay)` }, where, caller)
    if (admitted === "full") return refusal({ status: "refused", code: "overloaded", detail: "too many requests in the freshness window" }, where, caller)
    // Route: POST /<subnet>/<kind>, and POST /<subnet> for kind "task" (Epistula-style clients).
    const kind = method !== "POST" ? undefined : path === `/${endpoint.subnet}` ? "task" : path.startsWith(`/${endpoint.subnet}/`) ? path.slice(endpoint.subnet.length + 2) : undefined
    if (kind === undefined || !endpoint.kinds.includes(kind)) {
      return refusal({ status: "refused", code: "unknown-task", detail: `no request kind at ${where}; POST /${endpoint.subnet}/<${endpoint.kinds.join("|")}>` }, where, caller)
    }
    let task: unknown
    try {
      task = JSON.parse(body.toString("utf8"))
    } catch {
      return refusal({ status: "refused", code: "bad-request", detail: "body is not JSON" }, where, caller)
    }
    // 5–8. Policy, decode and handler run in the endpoint, under the stake-ordered concurrency limit.
    const deadlineMs = Number.isFinite(askedDeadlineMs) && askedDeadlineMs > 0 ? Math.min(askedDeadlineMs, maxDeadlineMs) : maxDeadlineMs
    const slot = await limit.acquire(endpoint.priority(caller))
    if (slot === null) return refusal({ status: "refused", code: "overloaded", detail: "the miner is busy; retry later" }, where, caller)
    let reply: WireReply
    try {
      const request = { subnet: endpoint.subnet, kind, caller, target: endpoint.hotkey, body: task }
      reply = await options.run(onChunk && endpoint.stream
        ? endpoint.stream(request, deadlineMs, (chunk) => onChunk(JSON.stringify(chunk)))
        : endpoint.handle(request, deadlineMs))
    } catch (e) {
      reply = { status: "error", detail: `handler crashed: ${(e as Error).message}` }
    } finally {
      slot()
    }
    if (reply.status !== "ok") return refusal(reply, where, caller)
    const text = Buffer.from(JSON.stringify(reply.body))
    if (text.length > endpoint.limits.maxResponseBytes) {
      return refusal({ status: "error", detail: `answer of ${text.length} bytes exceeds the endpoint's ${endpoint.limits.maxResponseBytes} bytes` }, where, caller)
    }
    counts[200] = (counts[200] ?? 0) + 1
    options.observe?.(200)
    return { status: 200, text, headers: options.insecureUnsigned ? {} : signHeaders(pair, text, caller, now(), randomUUID()) }
  }

  const send = (res: ServerResponse, outcome: Outcome) => {
    if (res.headersSent) return
    res.writeHead(outcome.status, { "content-type": "application/json", "content-length": String(outcome.text.length), ...outcome.headers })
    res.end(outcome.text)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const where = `${req.method} ${req.url}`
    // 1. Body size, before reading more than the limit; and a body that never finishes arriving.
    const declared = Number(req.headers["content-length"] ?? "0")
    const body = declared > maxBody ? "too-large" : await readBody(req, maxBody, requestTimeoutMs)
    if (body === "too-large" || body === "too-slow") {
      const outcome = refusal(body === "too-large"
        ? { status: "refused", code: "too-large", detail: `body ${declared > maxBody ? `of ${declared} bytes ` : ""}exceeds ${maxBody} bytes` }
        : { status: "timeout", detail: `the request body did not arrive within ${requestTimeoutMs} ms` }, where)
      send(res, { ...outcome, headers: { connection: "close" } }) // the rest of the body is not read: drop the connection
      req.destroy()
      return
    }
    send(res, await answer(req.headers, body, req.method ?? "", req.url ?? "", Number(req.headers["x-timeout-ms"])))
  }

  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    handle(req, res).catch((e) => send(res, refusal({ status: "error", detail: `axon failure: ${(e as Error).message}` }, `${req.method} ${req.url}`)))
  })
  const webSockets = serveWebSockets(server, { path: `/${endpoint.subnet}/ws`, maxPayload: maxBody + 4096, answer, refusal })
  server.requestTimeout = requestTimeoutMs + 1_000 // our own body timer answers first, with a JSON body
  server.headersTimeout = Math.min(requestTimeoutMs, 5_000)
  server.keepAliveTimeout = 30_000
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.address() as AddressInfo
      resolve({
        host: address.address,
        port: address.port,
        counts: () => ({ ...counts }),
        close: () =>
          new Promise<void>((done) => {
            webSockets.close() // upgraded sockets are not the server's connections any more
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

