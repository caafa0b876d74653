/**
 * The Axon's WebSocket side, for long-lived connections at `/<subnet>/ws`. Each binary message is one request
 * (`WsFrame.ts`: `{id, kind, headers, timeoutMs?}` + the signed body bytes) and gets one reply `{id, status,
 * headers}` + body after the same checks as HTTP (`AxonChecks.ts`); a streaming miner's elements go out first as
 * status-100 messages (unsigned, provisional), the final reply is signed.
 *
 * Bounded, whatever the client does:
 * - at most `maxInFlight` requests per connection are in progress: at that count the Axon stops reading the socket
 *   (TCP then pushes back on the client) until one finishes;
 * - replies are queued only up to `highWaterBytes` (`bufferedAmount`): past it the Axon stops reading until the
 *   client reads, so a client that sends and never reads cannot grow the miner's memory;
 * - a client whose refusals exceed its budget (`AxonChecks`) is disconnected (1008);
 * - at most `maxWebSockets` are open (the oldest that never carried a verified request is closed for a new one);
 * - a socket with no message and no reply written for `idleMs` is closed (1001), and one that misses a ping's pong
 *   is terminated. A message over the size limit closes the socket (1009).
 */
import type { IncomingMessage, Server } from "node:http"
import type { Socket } from "node:net"
import type { Duplex } from "node:stream"
import type { WebSocket } from "ws"
import { WebSocketServer } from "ws"
import type { AxonChecks, Outcome } from "./AxonChecks.ts"
import type { Connections } from "./Connections.ts"
import { asRequestHeader, packWs, unpackWs } from "./WsFrame.ts"

interface Live {
  readonly ws: WebSocket
  readonly socket: Socket
  inFlight: number
  lastActive: number
  alive: boolean
  lastPing: number
}

/**
 * Closes with a code and reads no more; a client that does not read will not complete the closing handshake
 * either, so the socket is terminated a second later (ws would wait 30 s).
 */
function closeHard(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === ws.CLOSED) return
  ws.close(code, reason)
  ws.pause()
  setTimeout(() => ws.terminate(), 1_000).unref()
}

export function serveWebSockets(server: Server, options: {
  readonly subnet: string
  readonly checks: AxonChecks
  readonly connections: Connections
  readonly maxPayload: number
  readonly maxWebSockets: number
  readonly maxInFlight: number
  readonly highWaterBytes: number
  readonly idleMs: number
  readonly pingIntervalMs: number
  readonly now: () => number
}): { readonly close: () => void } {
  const { checks, connections, now } = options
  const path = `/${options.subnet}/ws`
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload })
  const live = new Map<WebSocket, Live>() // insertion order = age

  const refuseUpgrade = (socket: Duplex, status: string, error: string, message: string) => {
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${
        JSON.stringify({ error, message })
      }`,
    )
    socket.destroy()
  }

  /** Room for one more socket: the oldest one that never carried a verified request is closed if needed. */
  const makeRoom = (): boolean => {
    if (live.size < options.maxWebSockets) return true
    for (const l of live.values()) {
      if (connections.get(l.socket)?.trusted) continue
      l.ws.terminate()
      live.delete(l.ws)
      return true
    }
    return false
  }

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url !== path) {
      return refuseUpgrade(socket, "404 Not Found", "unknown-task", `WebSockets are served at ${path}`)
    }
    if (!makeRoom()) return refuseUpgrade(socket, "503 Service Unavailable", "overloaded", "too many WebSockets")
    wss.handleUpgrade(req, socket, head, (ws) => open(ws, req.socket))
  })

  const open = (ws: WebSocket, socket: Socket) => {
    const tracked = connections.get(socket)
    if (tracked) tracked.webSocket = true
    const ip = socket.remoteAddress ?? "?"
    const l: Live = { ws, socket, inFlight: 0, lastActive: now(), alive: true, lastPing: now() }
    live.set(ws, l)
    // A protocol violation (e.g. a message over maxPayload) closes the socket with its code; without a listener
    // the 'error' event would crash the miner.
    ws.on("error", () => ws.terminate())
    ws.on("close", () => live.delete(ws))
    ws.on("pong", () => (l.alive = true))

    const resumeIfRoom = () => {
      l.lastActive = now()
      if (ws.isPaused && l.inFlight < options.maxInFlight && ws.bufferedAmount <= options.highWaterBytes / 2) {
        ws.resume()
      }
    }
    const send = (frame: Buffer) => {
      if (ws.readyState !== ws.OPEN) return
      // The callback runs once the frame is handed to the kernel: the moment to look at the queue again.
      ws.send(frame, () => resumeIfRoom())
      if (ws.bufferedAmount > options.highWaterBytes) ws.pause()
    }
    const reply = (id: string | null, outcome: Outcome) => {
      if (outcome.dropped) return closeHard(ws, 1008, "too many refused requests")
      send(packWs({ id, status: outcome.status, headers: outcome.headers }, outcome.body))
    }

    ws.on("message", async (data: Buffer, isBinary: boolean) => {
      if (ws.readyState !== ws.OPEN) return // closing: what is still buffered is not worth reading
      l.lastActive = now()
      const frame = isBinary ? unpackWs(data) : null
      const header = frame === null ? null : asRequestHeader(frame.header)
      if (frame === null || header === null) {
        const detail =
          "a message must be a binary frame: u32 header length, header JSON {id, kind, headers, timeoutMs?}, body"
        return reply(null, checks.refuse({ status: "refused", code: "bad-request", detail }, ip, null, false))
      }
      l.inFlight++
      if (l.inFlight >= options.maxInFlight) ws.pause()
      try {
        const pre = checks.precheck(header.headers, header.kind, ip, `WS ${path}`)
        const outcome = pre.ok
          ? await checks.finish(pre, frame.body, {
            ip,
            deadlineMs: Number(header.timeoutMs),
            onChunk: (bytes) => send(packWs({ id: header.id, status: 100, headers: {} }, bytes)),
            onVerified: () => {
              if (tracked) tracked.trusted = true
            },
          })
          : pre.outcome
        reply(header.id, outcome)
      } finally {
        l.inFlight--
        resumeIfRoom()
      }
    })
  }

  // One timer for every socket: idle ones are closed, and each gets a ping per interval (no pong by the next: gone).
  const sweep = setInterval(() => {
    const t = now()
    for (const l of live.values()) {
      if (t - l.lastActive > options.idleMs) {
        closeHard(l.ws, 1001, "idle")
        live.delete(l.ws)
      } else if (t - l.lastPing >= options.pingIntervalMs) {
        if (!l.alive) {
          l.ws.terminate()
          live.delete(l.ws)
          continue
        }
        l.alive = false
        l.lastPing = t
        l.ws.ping()
      }
    }
  }, Math.max(50, Math.min(1_000, options.idleMs / 4, options.pingIntervalMs / 2)))
  sweep.unref()

  return {
    close: () => {
      clearInterval(sweep)
      for (const client of wss.clients) client.terminate()
      wss.close()
    },
  }
}
