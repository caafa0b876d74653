/**
 * The miner's server: `POST /<subnet>/<kind>` over HTTP (`POST /<subnet>` is kind "task", for Epistula-style
 * clients) and binary messages on a WebSocket at `/<subnet>/ws` (`AxonWs.ts`), both through the same checks,
 * ordered by cost (`AxonChecks.ts`: route → header shape → `admit` → freshness, all before the body is read; then
 * size → signature → replay → decode → stake-ordered slot → handler). Errors are `{error, message}` with a status;
 * answers are signed by the miner over the request's uuid (`signing.ts`), bodies travel as `WireBody` bytes.
 *
 * Under hostile load: refusals are rate-limited per IP and per claimed caller and logged as counts per interval;
 * connections are capped (in all and per IP; silent ones are evicted first) and closed when idle, including those
 * that never send a byte (`Connections.ts`); WebSockets are capped, back-pressured and pinged (`AxonWs.ts`).
 */
import type { Effect } from "effect"
import type { IncomingMessage, ServerResponse } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import type { Keypair } from "../../keys/Keys.ts"
import type { MinerEndpoint, WireReply } from "../Transport.ts"
import type { Outcome } from "./AxonChecks.ts"
import { axonChecks } from "./AxonChecks.ts"
import { serveWebSockets } from "./AxonWs.ts"
import { ConcurrencyLimit } from "./ConcurrencyLimit.ts"
import type { ConnectionStats } from "./Connections.ts"
import { Connections } from "./Connections.ts"
import { RefusalBudget } from "./RateLimit.ts"
import { refusalLog } from "./RefusalLog.ts"

export type { Outcome } from "./AxonChecks.ts"

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
  /** A connection with nothing in progress for this long is closed (default 20 s); WebSockets too. */
  readonly idleTimeoutMs?: number
  /** Open connections in all (default 2048) and per remote address (default 512), WebSockets included. */
  readonly maxConnections?: number
  readonly maxConnectionsPerIp?: number
  /** Open WebSockets (default 512). */
  readonly maxWebSockets?: number
  /** Requests one WebSocket may have in progress before the Axon stops reading it (default 16). */
  readonly wsMaxInFlight?: number
  /** Bytes queued to a WebSocket past which the Axon stops reading it until they drain (default 8 MiB). */
  readonly wsHighWaterBytes?: number
  /** Ping interval of WebSockets; no pong by the next ping closes the socket (default 15 s). */
  readonly wsPingIntervalMs?: number
  /** Refusals per second (and burst) an address or a claimed caller may cause before it is only dropped. */
  readonly refusalBudget?: { readonly perIp?: number; readonly perCaller?: number }
  /** How often refusal counts are logged (default 10 s). */
  readonly refusalLogIntervalMs?: number
  /** Where log lines go (default: one JSON line on stderr). */
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
  /** Connections open, WebSockets open, and connections closed as idle, evicted at a cap or refused. */
  readonly connections: () => ConnectionStats
}

/** A body larger than this that was refused unread is not drained: the connection is closed instead. */
const DRAIN_LIMIT = 64 * 1024

/** The body, unless it grows past `maxBytes` or takes longer than `timeoutMs` to arrive. */
function readBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<Buffer | "too-large" | "too-slow"> {
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
    req.on("end", () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on("error", () => done("too-slow"))
  })
}

/** The request kind a path names, or undefined. */
export function kindOf(method: string | undefined, path: string | undefined, subnet: string): string | undefined {
  if (method !== "POST" || path === undefined) return undefined
  if (path === `/${subnet}`) return "task"
  const prefix = `/${subnet}/`
  return path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : undefined
}

export function startAxon(options: AxonOptions): Promise<RunningAxon> {
  const { endpoint, pair } = options
  if (pair.address !== endpoint.hotkey) {
    throw new Error(`the axon key ${pair.address} is not the endpoint's hotkey ${endpoint.hotkey}`)
  }
  const maxBody = endpoint.limits.maxRequestBytes
  const now = options.now ?? Date.now
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000
  const idleMs = options.idleTimeoutMs ?? 20_000
  const write = options.log ?? ((line) => process.stderr.write(JSON.stringify(line) + "\n"))
  const log = refusalLog({ intervalMs: options.refusalLogIntervalMs ?? 10_000, hotkey: endpoint.hotkey, write, now })
  const perIp = options.refusalBudget?.perIp ?? 200
  const perCaller = options.refusalBudget?.perCaller ?? 50
  const checks = axonChecks({
    endpoint,
    pair,
    run: options.run,
    now,
    log,
    freshnessMs: options.freshnessMs ?? 8_000,
    maxDeadlineMs: options.maxDeadlineMs ?? 12_000,
    limit: new ConcurrencyLimit(options.maxConcurrent ?? 32, options.maxQueued ?? 256),
    byIp: new RefusalBudget(perIp, 2 * perIp),
    byCaller: new RefusalBudget(perCaller, 2 * perCaller),
    ...(options.observe ? { observe: options.observe } : {}),
    ...(options.insecureUnsigned ? { insecureUnsigned: options.insecureUnsigned } : {}),
  })
  const connections = new Connections({
    maxConnections: options.maxConnections ?? 2048,
    maxPerIp: options.maxConnectionsPerIp ?? 512,
    idleMs,
    now,
  })

  const send = (req: IncomingMessage, res: ServerResponse, outcome: Outcome, close: boolean) => {
    if (res.headersSent || res.destroyed) return
    res.writeHead(outcome.status, {
      "content-type": "application/json",
      "content-length": String(outcome.body.length),
      ...outcome.headers,
      ...(close ? { connection: "close" } : {}),
    })
    res.end(outcome.body)
    if (close) res.once("finish", () => req.destroy())
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, socket: Socket) => {
    const ip = socket.remoteAddress ?? "?"
    const declared = Number(req.headers["content-length"] ?? "NaN")
    // A body the Axon will not read is drained only when small; otherwise the connection goes.
    const closeUnread = !(declared <= DRAIN_LIMIT)
    const pre = checks.precheck(
      req.headers,
      kindOf(req.method, req.url, endpoint.subnet),
      ip,
      `${req.method} ${req.url}`,
    )
    if (!pre.ok) return send(req, res, pre.outcome, closeUnread)
    if (declared > maxBody) {
      const outcome = checks.refuse(
        { status: "refused", code: "too-large", detail: `body of ${declared} bytes exceeds ${maxBody} bytes` },
        ip,
        pre.claimed.signedBy,
        true,
      )
      return send(req, res, outcome, true)
    }
    const body = await readBody(req, maxBody, requestTimeoutMs)
    if (body === "too-large" || body === "too-slow") {
      const outcome = checks.refuse(
        body === "too-large"
          ? { status: "refused", code: "too-large", detail: `body exceeds ${maxBody} bytes` }
          : { status: "timeout", detail: `the request body did not arrive within ${requestTimeoutMs} ms` },
        ip,
        pre.claimed.signedBy,
        true,
      )
      return send(req, res, outcome, true) // the rest of the body is not read: drop the connection
    }
    const outcome = await checks.finish(pre, body, {
      ip,
      deadlineMs: Number(req.headers["x-timeout-ms"]),
      onVerified: () => {
        const tracked = connections.get(socket)
        if (tracked) tracked.trusted = true
      },
    })
    send(req, res, outcome, false)
  }

  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    const socket = req.socket
    connections.requestStarted(socket)
    res.once("close", () => connections.requestEnded(socket))
    handle(req, res, socket).catch((e) =>
      send(
        req,
        res,
        checks.refuse(
          { status: "error", detail: `axon failure: ${(e as Error).message}` },
          socket.remoteAddress ?? "?",
          null,
          true,
        ),
        true,
      )
    )
  })
  server.on("connection", (socket: Socket) => connections.accept(socket))
  const webSockets = serveWebSockets(server, {
    subnet: endpoint.subnet,
    checks,
    connections,
    now,
    idleMs,
    maxPayload: maxBody + 64 * 1024,
    maxWebSockets: options.maxWebSockets ?? 512,
    maxInFlight: options.wsMaxInFlight ?? 16,
    highWaterBytes: options.wsHighWaterBytes ?? 8 << 20,
    pingIntervalMs: options.wsPingIntervalMs ?? 15_000,
  })
  server.requestTimeout = requestTimeoutMs + 1_000 // our own body timer answers first, with a JSON body
  server.headersTimeout = Math.min(requestTimeoutMs, 5_000)
  server.keepAliveTimeout = idleMs
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.address() as AddressInfo
      resolve({
        host: address.address,
        port: address.port,
        counts: checks.counts,
        connections: () => connections.stats(),
        close: () =>
          new Promise<void>((done) => {
            webSockets.close() // upgraded sockets are not the server's connections any more
            connections.close()
            log.close()
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
