/**
 * The Axon's WebSocket side, for long-lived connections: each message is one request envelope
 * `{id, headers, body, timeoutMs?}` (`body` is the exact JSON text that was signed, `headers` the same Epistula
 * headers as over HTTP) and gets one reply `{id, status, headers, body}` after the same checks. A message over the
 * size limit closes the connection (1009); a malformed envelope gets a 400 reply. A streaming miner's elements go
 * out first as `{id, status: 100, body}` messages (unsigned, provisional); the final reply is signed.
 */
import type { IncomingMessage, Server } from "node:http"
import type { Duplex } from "node:stream"
import { WebSocketServer } from "ws"
import type { WireReply } from "../Transport.ts"
import type { Outcome } from "./Axon.ts"
import type { Headers } from "./signing.ts"

export interface WsEnvelope {
  readonly id: string
  /** The request kind (default "task"). */
  readonly kind?: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly timeoutMs?: number
}

export interface WsReply {
  readonly id: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export function serveWebSockets(server: Server, options: {
  readonly path: string
  readonly maxPayload: number
  readonly answer: (headers: Headers, body: Buffer, method: string, path: string, deadlineMs: number, onChunk: (text: string) => void) => Promise<Outcome>
  readonly refusal: (reply: Exclude<WireReply, { status: "ok" }>, where: string) => Outcome
}): { readonly close: () => void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload })
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url !== options.path) {
      socket.end(`HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ error: "unknown-task", message: `WebSockets are served at ${options.path}` })}`)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A protocol violation (e.g. a message over maxPayload) closes the socket with its code; without a listener
      // the 'error' event would crash the miner.
      ws.on("error", () => ws.terminate())
      ws.on("message", async (data: Buffer, isBinary: boolean) => {
        let envelope: WsEnvelope
        try {
          envelope = JSON.parse(isBinary ? "" : data.toString("utf8"))
          if (typeof envelope.id !== "string" || typeof envelope.body !== "string" || typeof envelope.headers !== "object" || envelope.headers === null) throw new Error()
        } catch {
          const outcome = options.refusal({ status: "refused", code: "bad-request", detail: "a message must be JSON {id, headers, body}" }, `WS ${options.path}`)
          ws.send(JSON.stringify({ id: null, status: outcome.status, headers: {}, body: outcome.text.toString() }))
          return
        }
        const lowered = Object.fromEntries(Object.entries(envelope.headers).map(([k, v]) => [k.toLowerCase(), typeof v === "string" ? v : undefined]))
        const chunk = (text: string) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: envelope.id, status: 100, headers: {}, body: text } satisfies WsReply))
        }
        const outcome = await options.answer(lowered, Buffer.from(envelope.body), "POST", `${options.path.slice(0, -"/ws".length)}/${typeof envelope.kind === "string" ? envelope.kind : "task"}`, Number(envelope.timeoutMs), chunk)
        if (ws.readyState === ws.OPEN) {
          ws.send(JSON.stringify({ id: envelope.id, status: outcome.status, headers: outcome.headers, body: outcome.text.toString() } satisfies WsReply))
        }
      })
    })
  })
  return {
    close: () => {
      for (const client of wss.clients) client.terminate()
      wss.close()
    },
  }
}
