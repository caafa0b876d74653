/**
 * The validator's HTTP client: signs each request with the caller's hotkey, keeps connections alive, enforces a
 * per-request timeout, and checks the miner's signature on every answer (an answer that does not verify, or is
 * signed by someone else, is "invalid").
 */
import { randomUUID } from "node:crypto"
import { Agent, request as httpRequest } from "node:http"
import type { Keypair } from "../../keys/Keys.ts"
import type { Address, CallOptions, WireReply, WireRequest } from "../Transport.ts"
import type { Headers } from "./signing.ts"
import { signHeaders, verifyHeaders } from "./signing.ts"
import { WsChannel } from "./WsChannel.ts"
import { replyOfStatus } from "./statusOf.ts"

export interface DendriteOptions {
  /** Keys of the hotkeys this process sends as. */
  readonly keys: ReadonlyArray<Keypair>
  /** Open connections per miner (default 4). */
  readonly maxSocketsPerHost?: number
  /** Largest answer accepted (default 4 MiB). */
  readonly maxAnswerBytes?: number
  /** Sign requests and check answers (default true). Off only to measure what signing costs. */
  readonly signing?: boolean
  /** "http" (default): one POST per request over kept-alive connections; "ws": one WebSocket per miner. */
  readonly protocol?: "http" | "ws"
  readonly now?: () => number
}

export class Dendrite {
  private readonly agent: Agent
  private readonly keys: Map<string, Keypair>
  private readonly channels = new Map<string, WsChannel>()

  constructor(private readonly options: DendriteOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 4 })
    this.keys = new Map(options.keys.map((k) => [k.address, k]))
  }

  /** `onChunk` receives a streaming miner's elements as they come (WebSocket only; HTTP delivers the answer only). */
  call(address: Address, request: WireRequest, options: CallOptions): Promise<WireReply> {
    const { timeoutMs, onChunk } = options
    const signing = this.options.signing ?? true
    const pair = this.keys.get(request.caller)
    if (signing && pair === undefined) return Promise.resolve({ status: "error", detail: `no key for caller ${request.caller} in this process` })
    const body = Buffer.from(JSON.stringify(request.body))
    const signature = signing ? signHeaders(pair!, body, request.target, (this.options.now ?? Date.now)(), randomUUID()) : {}
    if (this.options.protocol === "ws") return this.callWs(address, request, body, signature, timeoutMs, onChunk, options.maxResponseBytes)
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "content-length": String(body.length),
      "x-timeout-ms": String(timeoutMs),
      ...signature,
    }
    return new Promise((resolve) => {
      let settled = false
      const finish = (reply: WireReply) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(reply)
      }
      const req = httpRequest({ host: address.ip, port: address.port, method: "POST", path: `/${request.subnet}/${request.kind}`, headers, agent: this.agent }, (res) => {
        const chunks: Array<Buffer> = []
        let size = 0
        res.on("data", (chunk: Buffer) => {
          size += chunk.length
          if (size > (options.maxResponseBytes ?? this.options.maxAnswerBytes ?? 4 << 20)) {
            req.destroy()
            finish({ status: "invalid", detail: "answer too large" })
          } else {
            chunks.push(chunk)
          }
        })
        res.on("end", () => finish(this.readAnswer(res.statusCode ?? 0, res.headers, Buffer.concat(chunks), request)))
        res.on("error", (e) => finish({ status: "error", detail: e.message }))
      })
      const timer = setTimeout(() => {
        finish({ status: "timeout", detail: `no answer within ${timeoutMs} ms` })
        req.destroy()
      }, timeoutMs)
      req.on("error", (e) => finish({ status: "error", detail: e.message }))
      req.end(body)
    })
  }

  /** An answer's status, signature and body → the reply. */
  private readAnswer(status: number, headers: Headers, text: Buffer, request: WireRequest): WireReply {
    if (status !== 200) {
      let message = text.toString("utf8").slice(0, 500)
      try {
        message = String(JSON.parse(message).message ?? message)
      } catch { /* not JSON: keep the text */ }
      return replyOfStatus(status, message)
    }
    if (this.options.signing ?? true) {
      const verified = verifyHeaders(headers, text, request.caller)
      if (!verified.ok) return { status: "invalid", detail: `answer signature: ${verified.reason}` }
      if (verified.signedBy !== request.target) return { status: "invalid", detail: `answer signed by ${verified.signedBy}, not the miner ${request.target}` }
    }
    try {
      return { status: "ok", body: JSON.parse(text.toString("utf8")) }
    } catch {
      return { status: "invalid", detail: "answer is not JSON" }
    }
  }

  private async callWs(
    address: Address,
    request: WireRequest,
    body: Buffer,
    signature: Record<string, string>,
    timeoutMs: number,
    onChunk?: (body: unknown) => void,
    maxResponseBytes?: number,
  ): Promise<WireReply> {
    const key = `ws://${address.ip}:${address.port}/${request.subnet}/ws`
    let channel = this.channels.get(key)
    if (channel === undefined) this.channels.set(key, (channel = new WsChannel(key)))
    const id = randomUUID()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)))
    const chunk = onChunk && ((text: string) => {
      try {
        onChunk(JSON.parse(text))
      } catch { /* a malformed chunk is dropped: only the signed final answer counts */ }
    })
    const reply = await Promise.race([channel.request({ id, kind: request.kind, headers: signature, body: body.toString("utf8"), timeoutMs }, chunk), timeout])
    clearTimeout(timer)
    if (reply === "timeout") {
      channel.forget(id)
      return { status: "timeout", detail: `no answer within ${timeoutMs} ms` }
    }
    if (reply instanceof Error) return { status: "error", detail: reply.message }
    const cap = maxResponseBytes ?? this.options.maxAnswerBytes ?? 4 << 20
    if (reply.status === 200 && Buffer.byteLength(reply.body) > cap) return { status: "invalid", detail: "answer too large" }
    return this.readAnswer(reply.status, reply.headers, Buffer.from(reply.body), request)
  }

  close(): void {
    this.agent.destroy()
    for (const channel of this.channels.values()) channel.close()
  }
}
