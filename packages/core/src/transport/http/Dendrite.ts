/**
 * The validator's HTTP client: signs each request with the caller's hotkey, keeps connections alive, enforces a
 * per-request timeout, and checks the miner's signature on every answer (an answer that does not verify, or is
 * signed by someone else, is "invalid").
 */
import { randomUUID } from "node:crypto"
import { Agent, request as httpRequest } from "node:http"
import type { Keypair } from "../../keys/Keys.ts"
import type { Address, WireReply, WireRequest } from "../Transport.ts"
import { signHeaders, verifyHeaders } from "./signing.ts"
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
  readonly now?: () => number
}

export class Dendrite {
  private readonly agent: Agent
  private readonly keys: Map<string, Keypair>

  constructor(private readonly options: DendriteOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSocketsPerHost ?? 4 })
    this.keys = new Map(options.keys.map((k) => [k.address, k]))
  }

  call(address: Address, request: WireRequest, timeoutMs: number): Promise<WireReply> {
    const signing = this.options.signing ?? true
    const pair = this.keys.get(request.caller)
    if (signing && pair === undefined) return Promise.resolve({ status: "error", detail: `no key for caller ${request.caller} in this process` })
    const body = Buffer.from(JSON.stringify(request.body))
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "content-length": String(body.length),
      "x-timeout-ms": String(timeoutMs),
      ...(signing ? signHeaders(pair!, body, request.target, (this.options.now ?? Date.now)(), randomUUID()) : {}),
    }
    return new Promise((resolve) => {
      let settled = false
      const finish = (reply: WireReply) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(reply)
      }
      const req = httpRequest({ host: address.ip, port: address.port, method: "POST", path: `/${request.subnet}`, headers, agent: this.agent }, (res) => {
        const chunks: Array<Buffer> = []
        let size = 0
        res.on("data", (chunk: Buffer) => {
          size += chunk.length
          if (size > (this.options.maxAnswerBytes ?? 4 << 20)) {
            req.destroy()
            finish({ status: "invalid", detail: "answer too large" })
          } else {
            chunks.push(chunk)
          }
        })
        res.on("end", () => {
          const text = Buffer.concat(chunks)
          if (res.statusCode !== 200) {
            let message = text.toString("utf8").slice(0, 500)
            try {
              message = String(JSON.parse(message).message ?? message)
            } catch { /* not JSON: keep the text */ }
            return finish(replyOfStatus(res.statusCode ?? 0, message))
          }
          if (signing) {
            const verified = verifyHeaders(res.headers, text, request.caller)
            if (!verified.ok) return finish({ status: "invalid", detail: `answer signature: ${verified.reason}` })
            if (verified.signedBy !== request.target) return finish({ status: "invalid", detail: `answer signed by ${verified.signedBy}, not the miner ${request.target}` })
          }
          try {
            finish({ status: "ok", body: JSON.parse(text.toString("utf8")) })
          } catch {
            finish({ status: "invalid", detail: "answer is not JSON" })
          }
        })
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

  close(): void {
    this.agent.destroy()
  }
}
