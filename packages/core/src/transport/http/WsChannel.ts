/**
 * One long-lived WebSocket to a miner's Axon, shared by every request to it: requests are binary frames
 * (`WsFrame.ts`) matched to replies by id. A dropped connection fails the requests in flight ("error") and is
 * reopened by the next request. `maxPayload` bounds what the miner may send in one message.
 */
import WebSocket from "ws"
import type { Headers } from "./signing.ts"
import { unpackWs } from "./WsFrame.ts"

export interface WsAnswer {
  readonly status: number
  readonly headers: Headers
  readonly body: Buffer
}

export class WsChannel {
  private socket: WebSocket | null = null
  private opening: Promise<WebSocket> | null = null
  private readonly pending = new Map<string, (reply: WsAnswer | Error) => void>()
  private readonly chunkListeners = new Map<string, (body: Buffer) => void>()

  constructor(private readonly url: string, readonly maxPayload: number) {}

  /** Sends one frame for request `id`; resolves with its reply, or an Error when the connection fails. */
  async request(id: string, frame: Buffer, onChunk?: (body: Buffer) => void): Promise<WsAnswer | Error> {
    let socket: WebSocket
    try {
      socket = await this.open()
    } catch (e) {
      return e as Error
    }
    if (onChunk) this.chunkListeners.set(id, onChunk)
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      socket.send(frame, { binary: true }, (e) => {
        if (e) this.settle(id, e)
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

  private settle(id: string, reply: WsAnswer | Error) {
    if (!(reply instanceof Error) && reply.status === 100) return this.chunkListeners.get(id)?.(reply.body)
    const resolve = this.pending.get(id)
    this.forget(id)
    resolve?.(reply)
  }

  private open(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket)
    this.opening ??= new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(this.url, { maxPayload: this.maxPayload }) // a miner cannot flood the validator
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
      socket.on("message", (data: Buffer, isBinary: boolean) => {
        const frame = isBinary ? unpackWs(data) : null
        if (frame === null) return // not a reply: ignore
        const { id, status, headers } = frame.header
        if (typeof id !== "string" || typeof status !== "number" || typeof headers !== "object" || headers === null) {
          return
        }
        this.settle(id, { status, headers: headers as Headers, body: frame.body })
      })
      socket.on("close", () => {
        if (this.socket === socket) this.socket = null
        for (const id of [...this.pending.keys()]) this.settle(id, new Error("connection closed"))
      })
    })
    return this.opening
  }
}
