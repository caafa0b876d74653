/**
 * The Axon's checks, shared by HTTP and WebSocket, ordered by cost so that unwanted traffic is refused before it
 * costs crypto, memory or a handler slot:
 *
 * | # | check (`precheck`: headers only, before the body is read)                       | refusal                        |
 * | - | ---                                                                               | ---                            |
 * | 1 | route: a request kind the endpoint serves                                        | 404 unknown-task               |
 * | 2 | header shape: Epistula headers present and well formed, signed for this miner    | 400 bad-request / 401          |
 * | 3 | `endpoint.admit(claimed signer)`: registered / permit / stake (metagraph lookup) | 403 not-allowed                |
 * | 4 | freshness: timestamp within ±`freshnessMs`                                       | 401 bad-signature              |
 * |   | **`finish`: with the body**                                                      |                                |
 * | 5 | body size ≤ `limits.maxRequestBytes` (HTTP enforces it while reading)            | 413 too-large                  |
 * | 6 | sr25519 signature over sha256 of the exact body bytes                            | 401 bad-signature              |
 * | 7 | uuid replay cache                                                                 | 401 / 503 when full            |
 * | 8 | body decode (`WireBody`); the endpoint decodes it with the kind's schema         | 400 bad-request                |
 * | 9 | stake-ordered concurrency limit; a request that waited past its deadline is dropped | 503 overloaded              |
 * | 10 | handler under its deadline; answer ≤ `limits.maxResponseBytes`, signed over the request's uuid | 408 / 500     |
 *
 * Refusals are rate-limited per IP and per claimed caller: a caller the endpoint does not admit (or a request
 * without a caller) whose budget is spent gets a constant 429 with no work and no log detail (`dropped`), and
 * refusals are logged as counts per interval (`RefusalLog`). Callers the endpoint admits always get a real answer,
 * so a forged flood cannot make a known validator's own refusals disappear.
 */
import type { Effect } from "effect"
import { randomUUID } from "node:crypto"
import type { Keypair } from "../../keys/Keys.ts"
import type { MinerEndpoint, WireReply } from "../Transport.ts"
import { decodeBody, encodeBody, MalformedBody } from "../WireBody.ts"
import type { ConcurrencyLimit } from "./ConcurrencyLimit.ts"
import type { RefusalBudget } from "./RateLimit.ts"
import type { RefusalLog } from "./RefusalLog.ts"
import type { Claimed, Headers } from "./signing.ts"
import { readSigned, ReplayCache, signHeaders, verifySigned } from "./signing.ts"
import { errorResponse } from "./statusOf.ts"

/** A response: status, body bytes and headers. `dropped`: a refusal past its budget (HTTP: 429; ws: close). */
export interface Outcome {
  readonly status: number
  readonly body: Buffer
  readonly headers: Record<string, string>
  readonly dropped?: boolean
}

export type Passed = { readonly ok: true; readonly kind: string; readonly claimed: Extract<Claimed, { ok: true }> }
export type Precheck = Passed | { readonly ok: false; readonly outcome: Outcome }

const DROPPED: Outcome = {
  status: 429,
  body: Buffer.from(
    JSON.stringify({
      error: "overloaded",
      message: "too many refused requests from this caller or address; slow down",
    }),
  ),
  headers: { "retry-after": "1" },
  dropped: true,
}

export interface FinishContext {
  readonly ip: string
  /** The deadline the caller asked for (capped by `maxDeadlineMs`; NaN or absent = the cap). */
  readonly deadlineMs: number
  readonly onChunk?: (bytes: Buffer) => void
  readonly onVerified?: () => void
}

export interface ChecksOptions {
  readonly endpoint: MinerEndpoint
  readonly pair: Keypair
  readonly run: (reply: Effect.Effect<WireReply>) => Promise<WireReply>
  readonly freshnessMs: number
  readonly maxDeadlineMs: number
  readonly limit: ConcurrencyLimit
  readonly byIp: RefusalBudget
  readonly byCaller: RefusalBudget
  readonly log: RefusalLog
  readonly observe?: (status: number) => void
  readonly now: () => number
  readonly insecureUnsigned?: { readonly caller: string }
}

export function axonChecks(o: ChecksOptions) {
  const { endpoint } = o
  const replays = new ReplayCache(o.freshnessMs)
  const counts: Record<number, number> = {}
  const tally = (status: number) => {
    counts[status] = (counts[status] ?? 0) + 1
    o.observe?.(status)
  }

  /**
   * A refusal as a response. `admitted`: the caller passed `admit`, so it is answered whatever its budget; anyone
   * else past the IP's or the caller's budget is dropped.
   */
  const refuse = (
    reply: Exclude<WireReply, { status: "ok" }>,
    ip: string,
    caller: string | null,
    admitted: boolean,
  ): Outcome => {
    const now = o.now()
    if (!admitted && (!o.byIp.has(ip, now) || (caller !== null && !o.byCaller.has(caller, now)))) {
      tally(429)
      o.log.count("rate-limited", 429, "refusal budget spent", caller)
      return DROPPED
    }
    o.byIp.spend(ip, now)
    if (caller !== null) o.byCaller.spend(caller, now)
    const { status, body } = errorResponse(reply)
    tally(status)
    o.log.count(body.error, status, body.message, caller)
    return { status, body: Buffer.from(JSON.stringify(body)), headers: {} }
  }

  /** Checks 1–4, on the headers alone. */
  const precheck = (headers: Headers, kind: string | undefined, ip: string, where: string): Precheck => {
    const fail = (outcome: Outcome) => ({ ok: false as const, outcome })
    if (kind === undefined || !endpoint.kinds.includes(kind)) {
      const what = kind === undefined
        ? `no request kind at ${where.slice(0, 100)}`
        : `no request kind "${kind.slice(0, 64)}" on subnet ${endpoint.subnet}`
      return fail(
        refuse(
          {
            status: "refused",
            code: "unknown-task",
            detail: `${what}; POST /${endpoint.subnet}/<${endpoint.kinds.join("|")}>`,
          },
          ip,
          null,
          false,
        ),
      )
    }
    if (o.insecureUnsigned) {
      return {
        ok: true,
        kind,
        claimed: {
          ok: true,
          signedBy: o.insecureUnsigned.caller,
          signedFor: endpoint.hotkey,
          uuid: randomUUID(),
          timestampMs: o.now(),
          signature: "",
        },
      }
    }
    const claimed = readSigned(headers, endpoint.hotkey)
    if (!claimed.ok) {
      return fail(
        refuse(
          { status: "refused", code: claimed.missing ? "bad-request" : "bad-signature", detail: claimed.reason },
          ip,
          null,
          false,
        ),
      )
    }
    const caller = claimed.signedBy.slice(0, 64)
    const notAdmitted = endpoint.admit(claimed.signedBy)
    if (notAdmitted !== null) {
      return fail(refuse({ status: "refused", code: "not-allowed", detail: notAdmitted }, ip, caller, false))
    }
    const skew = claimed.timestampMs - o.now()
    if (Math.abs(skew) > o.freshnessMs) {
      const detail = `timestamp is ${skew > 0 ? "in the future" : "stale"} by ${
        Math.abs(skew)
      } ms (window ${o.freshnessMs} ms)`
      return fail(refuse({ status: "refused", code: "bad-signature", detail }, ip, caller, true))
    }
    return { ok: true, kind, claimed }
  }

  /**
   * Checks 5–10 once the body has arrived. `onChunk` receives a streaming miner's elements (already encoded);
   * `onVerified` is told when the signature verified (the connection then carries a known caller).
   */
  const finish = async (passed: Passed, body: Buffer, ctx: FinishContext): Promise<Outcome> => {
    const { ip, onChunk } = ctx
    const askedDeadlineMs = ctx.deadlineMs
    const arrivedAt = o.now()
    const { claimed, kind } = passed
    const caller = claimed.signedBy
    const refuseAdmitted = (reply: Exclude<WireReply, { status: "ok" }>) => refuse(reply, ip, caller, true)
    const max = endpoint.limits.maxRequestBytes
    if (body.length > max) {
      return refuseAdmitted({
        status: "refused",
        code: "too-large",
        detail: `body of ${body.length} bytes exceeds ${max} bytes`,
      })
    }
    if (!o.insecureUnsigned && !verifySigned(claimed, body, kind)) {
      return refuseAdmitted({
        status: "refused",
        code: "bad-signature",
        detail: `signature does not verify for ${caller.slice(0, 64)}`,
      })
    }
    ctx.onVerified?.()
    if (!o.insecureUnsigned) {
      const seen = replays.admit(claimed.uuid, o.now())
      if (seen === "replay") {
        return refuseAdmitted({
          status: "refused",
          code: "bad-signature",
          detail: `uuid ${claimed.uuid} was already used (replay)`,
        })
      }
      if (seen === "full") {
        return refuseAdmitted({
          status: "refused",
          code: "overloaded",
          detail: "too many requests in the freshness window",
        })
      }
    }
    let task: unknown
    try {
      task = decodeBody(body)
    } catch (e) {
      return refuseAdmitted({
        status: "refused",
        code: "bad-request",
        detail: e instanceof MalformedBody ? e.message : "body is not readable",
      })
    }
    const deadlineMs = Number.isFinite(askedDeadlineMs) && askedDeadlineMs > 0
      ? Math.min(askedDeadlineMs, o.maxDeadlineMs)
      : o.maxDeadlineMs
    const slot = await o.limit.acquire(endpoint.priority(caller), deadlineMs)
    if (slot === null) {
      return refuseAdmitted({ status: "refused", code: "overloaded", detail: "the miner is busy; retry later" })
    }
    let reply: WireReply
    try {
      const request = { subnet: endpoint.subnet, kind, caller, target: endpoint.hotkey, body: task }
      const left = Math.max(1, deadlineMs - (o.now() - arrivedAt)) // the time spent queued counts
      reply = await o.run(
        onChunk && endpoint.stream
          ? endpoint.stream(request, left, (chunk) => onChunk(encodeBody(chunk).bytes))
          : endpoint.handle(request, left),
      )
    } catch (e) {
      reply = { status: "error", detail: `handler crashed: ${(e as Error).message}` }
    } finally {
      slot()
    }
    if (reply.status !== "ok") return refuseAdmitted(reply)
    const { bytes, contentType } = encodeBody(reply.body)
    if (bytes.length > endpoint.limits.maxResponseBytes) {
      return refuseAdmitted({
        status: "error",
        detail: `answer of ${bytes.length} bytes exceeds the endpoint's ${endpoint.limits.maxResponseBytes} bytes`,
      })
    }
    tally(200)
    // Signed over the request's uuid: the answer is valid for this request only (see signing.ts).
    const signature = o.insecureUnsigned ? {} : signHeaders(o.pair, bytes, caller, o.now(), claimed.uuid)
    return { status: 200, body: bytes, headers: { "content-type": contentType, ...signature } }
  }

  return { precheck, finish, refuse, counts: () => ({ ...counts }) }
}

export type AxonChecks = ReturnType<typeof axonChecks>
