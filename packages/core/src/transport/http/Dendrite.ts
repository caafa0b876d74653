/**
 * The validator's client: signs each request with the caller's hotkey over the exact body bytes (`WireBody`), keeps
 * connections alive, enforces a per-request timeout and answer size, and checks every answer: signed by the miner it
 * was sent to, for this caller, over this request's uuid, with a timestamp in the window. Anything else is "invalid"
 * with the reason, so an earlier signed answer replayed by someone on the path is refused (see `signing.ts`).
 */
import { randomUUID } from "node:crypto"
import type { ClientRequest } from "node:http"
import { Agent, request as httpRequest } from "node:http"
import type { Keypair } from "../../keys/Keys.ts"
import type { Address, CallOptions, WireReply, WireRequest } from "../Transport.ts"
import { defaultLimits } from "../Transport.ts"
import { decodeBody, encodeBody, MalformedBody } from "../WireBody.ts"
import type { Headers } from "./signing.ts"
import { signHeaders, verifyHeaders } from "./signing.ts"
import { replyOfStatus } from "./statusOf.ts"
import { WsChannel } from "./WsChannel.ts"
import { packWs } from "./WsFrame.ts"

export interface DendriteOptions {
  /** Keys of the hotkeys this process sends as. */
  readonly keys: ReadonlyArray<Keypair>
  /** Open connections per miner (default 4). */
  readonly maxSocketsPerHost?: number
  /** Largest answer accepted when a call does not say (default 4 MiB). */
  readonly maxAnswerBytes?: number
  /** Sign requests and check answers (default true). Off only to measure what signing costs. */
  readonly signing?: boolean
  /** "http" (default): one POST per request over kept-alive connections; "ws": one WebSocket per miner. */
  readonly protocol?: "http" | "ws"
  /** How far an answer's timestamp may lie before the request was sent or after it arrived (default 8 s). */
  readonly answerWindowMs?: number
  readonly now?: () => number
}

/** What the answer must match: who signed it, for whom, over which uuid, and when the request left. */
interface Sent {
  readonly request: WireRequest
  readonly uuid: string
  readonly sentAt: number
}

export class Dendrite {
  private readonly agent: Agent
  private readonly keys: Map<string, Keypair>
  private readonly channels = new Map<string, WsChannel>()
  private readonly now: () => number

  constructor(private readonly options: DendriteOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 4 })
    this.keys = new Map(options.keys.map((k) => [k.address, k]))
    this.now = options.now ?? Date.now
  }

  /** `onChunk` receives a streaming miner's elements as they come (WebSocket only; HTTP delivers the answer only). */
  call(address: Address, request: WireRequest, options: CallOptions): Promise<WireReply> {
    const signing = this.options.signing ?? true
    const pair = this.keys.get(request.caller)
    if (signing && pair === undefined) {
      return Promise.resolve({ status: "error", detail: `no key for caller ${request.caller} in this process` })
    }
    const { bytes, contentType } = encodeBody(request.body)
    const sent: Sent = { request, uuid: randomUUID(), sentAt: this.now() }
    const signature = signing ? signHeaders(pair!, bytes, request.target, sent.sentAt, sent.uuid, request.kind) : {}
    const cap = options.maxResponseBytes ?? this.options.maxAnswerBytes ?? defaultLimits.maxResponseBytes
    if (this.options.protocol === "ws") return this.callWs(address, sent, bytes, signature, options, cap)
    const headers: Record<string, string> = {
      "content-type": contentType,
      "content-length": String(bytes.length),
      "x-timeout-ms": String(options.timeoutMs),
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
      const send = (retry: boolean): ClientRequest => {
        let answered = false
        const req = httpRequest({
          host: address.ip,
          port: address.port,
          method: "POST",
          path: `/${request.subnet}/${request.kind}`,
          headers,
          agent: this.agent,
        }, (res) => {
          answered = true
          const chunks: Array<Buffer> = []
          let size = 0
          res.on("data", (chunk: Buffer) => {
            size += chunk.length
            if (size > cap) {
              req.destroy()
              finish({ status: "invalid", detail: `answer exceeds ${cap} bytes` })
            } else {
              chunks.push(chunk)
            }
          })
          res.on(
            "end",
            () =>
              finish(
                this.readAnswer(
                  res.statusCode ?? 0,
                  res.headers,
                  chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
                  sent,
                ),
              ),
          )
          res.on("error", (e) => finish({ status: "error", detail: e.message }))
        })
        req.on("error", (e) => {
          // A kept-alive connection the miner closed as idle just as it was reused: nothing reached the handler.
          if (
            retry && !answered && req.reusedSocket && (e as NodeJS.ErrnoException).code === "ECONNRESET" && !settled
          ) current = send(false)
          else finish({ status: "error", detail: e.message })
        })
        req.end(bytes)
        return req
      }
      let current = send(true)
      const timer = setTimeout(() => {
        finish({ status: "timeout", detail: `no answer within ${options.timeoutMs} ms` })
        current.destroy()
      }, options.timeoutMs)
    })
  }

  /** An answer's status, signature and body → the reply. */
  private readAnswer(status: number, headers: Headers, bytes: Buffer, sent: Sent): WireReply {
    if (status !== 200) {
      let message = bytes.toString("utf8", 0, Math.min(bytes.length, 500))
      try {
        message = String(JSON.parse(message).message ?? message)
      } catch { /* not JSON: keep the text */ }
      return replyOfStatus(status, message)
    }
    const { request } = sent
    if (this.options.signing ?? true) {
      const verified = verifyHeaders(headers, bytes, request.caller)
      if (!verified.ok) return { status: "invalid", detail: `answer signature: ${verified.reason}` }
      if (verified.signedBy !== request.target) {
        return { status: "invalid", detail: `answer signed by ${verified.signedBy}, not the miner ${request.target}` }
      }
      if (verified.uuid !== sent.uuid) {
        return {
          status: "invalid",
          detail: `answer is for request ${verified.uuid.slice(0, 64)}, not this request ${sent.uuid}`,
        }
      }
      const window = this.options.answerWindowMs ?? 8_000
      if (verified.timestampMs < sent.sentAt - window || verified.timestampMs > this.now() + window) {
        return {
          status: "invalid",
          detail:
            `answer timestamp ${verified.timestampMs} is outside the request's window (sent at ${sent.sentAt}, ±${window} ms): stale or replayed`,
        }
      }
    }
    try {
      return { status: "ok", body: decodeBody(bytes) }
    } catch (e) {
      return { status: "invalid", detail: `answer body: ${e instanceof MalformedBody ? e.message : "unreadable"}` }
    }
  }

  private async callWs(
    address: Address,
    sent: Sent,
    bytes: Buffer,
    signature: Record<string, string>,
    options: CallOptions,
    cap: number,
  ): Promise<WireReply> {
    const { request } = sent
    const key = `ws://${address.ip}:${address.port}/${request.subnet}/ws`
    const payload = cap + 64 * 1024 // the reply's header rides in the same message
    let channel = this.channels.get(key)
    if (channel !== undefined && channel.maxPayload < payload) {
      channel.close() // opened for smaller answers: reopen with room for this one
      channel = undefined
    }
    if (channel === undefined) this.channels.set(key, channel = new WsChannel(key, payload))
    const id = randomUUID()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<"timeout">((
      resolve,
    ) => (timer = setTimeout(() => resolve("timeout"), options.timeoutMs)))
    const onChunk = options.onChunk
    const chunk = onChunk && ((body: Buffer) => {
      try {
        onChunk(decodeBody(body))
      } catch { /* a malformed chunk is dropped: only the signed final answer counts */ }
    })
    const frame = packWs({ id, kind: request.kind, headers: signature, timeoutMs: options.timeoutMs }, bytes)
    const reply = await Promise.race([channel.request(id, frame, chunk), timeout])
    clearTimeout(timer)
    if (reply === "timeout") {
      channel.forget(id)
      return { status: "timeout", detail: `no answer within ${options.timeoutMs} ms` }
    }
    if (reply instanceof Error) return { status: "error", detail: reply.message }
    if (reply.status === 200 && reply.body.length > cap) {
      return { status: "invalid", detail: `answer exceeds ${cap} bytes` }
    }
    return this.readAnswer(reply.status, reply.headers, reply.body, sent)
  }

  close(): void {
    this.agent.destroy()
    for (const channel of this.channels.values()) channel.close()
  }
}
