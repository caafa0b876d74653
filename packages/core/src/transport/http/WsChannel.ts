/**
 * One long-lived WebSocket to a miner's Axon, shared by every request to it: requests are envelopes matched to
 * replies by id. A dropped connection fails the requests in flight ("error") and is reopened by the next request.
 */
import WebSocket from "ws"
import type { WsEnvelope, WsReply } from "./AxonWs.ts"

export class WsChannel {
  private socket: WebSocket | null = null
  private opening: Promise<WebSocket> | null = null
  private readonly pending = new Map<string, (reply: WsReply | Error) => void>()
  private readonly chunkListeners = new Map<string, (body: string) => void>()

  constructor(private readonly url: string) {}

  /** Sends one envelope; resolves with its reply, or an Error when the connection fails. */
  async request(envelope: WsEnvelope, onChunk?: (body: string) => void): Promise<WsReply | Error> {
    let socket: WebSocket
    try {
      socket = await this.open()
    } catch (e) {
      return e as Error
    }
    if (onChunk) this.chunkListeners.set(envelope.id, onChunk)
    return new Promise((resolve) => {
      this.pending.set(envelope.id, resolve)
      socket.send(JSON.stringify(envelope), (e) => {
        if (e) this.settle(envelope.id, e)
      })
    })
  }

  /** Forgets a request (its caller timed out). */
  forget(id: string): void {
    this.pending.delete(id)
    this.chunkListeners.delete(id)
  }

  close(): void {
    this.socket?.terminate()
    this.socket = null
  }

  private settle(id: string, reply: WsReply | Error) {
    if (!(reply instanceof Error) && reply.status === 100) return this.chunkListeners.get(id)?.(reply.body)
    const resolve = this.pending.get(id)
    this.forget(id)
    resolve?.(reply)
  }

  private open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket)
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(this.url, { maxPayload: 4 << 20 }) // a miner cannot flood the validator
      socket.once("open", () => {
        this.socket = socket
        this.opening = null
        resolve(socket)
      })
      socket.on("error", (e) => {
        // Before 'open' this fails the opening; after it, 'close' follows and fails the requests in flight.
        if (this.opening !== null) {
          this.opening = null
          reject(e)
        }
      })
      socket.on("message", (data: Buffer) => {
        try {
          const reply = JSON.parse(data.toString("utf8")) as WsReply
          if (typeof reply.id === "string") this.settle(reply.id, reply)
        } catch { /* not a reply: ignore */ }
      })
      socket.on("close", () => {
        if (this.socket === socket) this.socket = null
        for (const id of [...this.pending.keys()]) this.settle(id, new Error("connection closed"))
      })
    })
    return this.opening
  }
}
