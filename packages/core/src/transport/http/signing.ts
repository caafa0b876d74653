/**
 * Request and answer signing (Epistula v2 style). The sender signs, with its hotkey,
 * `${sha256(body)}.${uuid}.${timestamp_ms}.${signed_for}` (plus `.${kind}` for a request kind other than "task") over
 * the exact body bytes on the wire (JSON text, or a
 * `WireBody` frame when the body has binary leaves) and sends it in these headers:
 *
 * | header                       | request (validator → miner)                   | answer (miner → validator)                       |
 * | ---                          | ---                                           | ---                                              |
 * | `epistula-version`           | `2`                                           | `2`                                              |
 * | `epistula-timestamp`         | ms since the epoch; the Axon accepts ±8 s     | ms since the epoch; the Dendrite accepts from 8 s before it sent the request to 8 s after now |
 * | `epistula-uuid`              | a fresh random UUID (replay cache)            | **the request's uuid**: binds the answer to its request |
 * | `epistula-signed-by`         | the validator's SS58 hotkey                   | the miner's SS58 hotkey (must be the target)     |
 * | `epistula-signed-for`        | the miner's SS58 hotkey                       | the validator's SS58 hotkey                      |
 * | `epistula-request-signature` | 0x-hex sr25519 signature of the message above | same, by the miner                               |
 * | `content-type`               | `application/json`, or `application/vnd.subnetkit.frame` for a body with bytes (see `WireBody`) | same |
 *
 * Requests stay Epistula-v2 compatible. Because an answer is signed over the request's uuid, an earlier signed answer
 * of the same miner cannot be replayed for a later request: the Dendrite refuses it as "invalid", as it does an
 * answer whose timestamp is out of its window. A missing or empty signature is a failure, never a skip (the SDK's
 * empty-signature bypass, anchors §3.3).
 *
 * The checks are split by cost, so the Axon can refuse on the cheap ones first: `readSigned` looks at the headers
 * only (no crypto), `verifySigned` checks the signature over the body.
 */
import { createHash } from "node:crypto"
import type { Keypair } from "../../keys/Keys.ts"
import { signMessage, verifyMessage } from "../../keys/Keys.ts"

export const HEADERS = {
  version: "epistula-version",
  timestamp: "epistula-timestamp",
  uuid: "epistula-uuid",
  signedBy: "epistula-signed-by",
  signedFor: "epistula-signed-for",
  signature: "epistula-request-signature",
} as const

const sha256 = (body: Uint8Array) => createHash("sha256").update(body).digest("hex")

/**
 * The signed message. A request of a kind other than the default "task" also signs its kind (`….<kind>`), so a
 * captured request cannot be sent on to another kind of the same miner; "task" requests stay Epistula v2 exactly.
 */
export const signedMessage = (body: Uint8Array, uuid: string, timestampMs: number, signedFor: string, kind = "task") =>
  `${sha256(body)}.${uuid}.${timestampMs}.${signedFor}${kind === "task" ? "" : `.${kind}`}`

/** Headers signing `body` by `pair` for `signedFor`. */
export function signHeaders(
  pair: Keypair,
  body: Uint8Array,
  signedFor: string,
  timestampMs: number,
  uuid: string,
  kind = "task",
): Record<string, string> {
  return {
    [HEADERS.version]: "2",
    [HEADERS.timestamp]: String(timestampMs),
    [HEADERS.uuid]: uuid,
    [HEADERS.signedBy]: pair.address,
    [HEADERS.signedFor]: signedFor,
    [HEADERS.signature]: signMessage(pair, signedMessage(body, uuid, timestampMs, signedFor, kind)),
  }
}

export type Headers = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/** The signed fields as claimed by the headers (not verified yet), or why the headers are malformed. */
export type Claimed =
  | {
    readonly ok: true
    readonly signedBy: string
    readonly signedFor: string
    readonly uuid: string
    readonly timestampMs: number
    readonly signature: string
  }
  | { readonly ok: false; readonly missing: boolean; readonly reason: string }

/** Why signed headers were rejected, or the verified fields. */
export type Verified =
  | { readonly ok: true; readonly signedBy: string; readonly uuid: string; readonly timestampMs: number }
  | { readonly ok: false; readonly missing: boolean; readonly reason: string }

const single = (headers: Headers, name: string): string | undefined => {
  const v = headers[name]
  return typeof v === "string" ? v : undefined
}

/** Header shape only (presence, formats, recipient): no crypto, so it may run before anything else. */
export function readSigned(headers: Headers, expectedFor: string): Claimed {
  const get = (name: string) => single(headers, name)
  const missing = [HEADERS.timestamp, HEADERS.uuid, HEADERS.signedBy, HEADERS.signedFor].filter((h) => !get(h))
  if (missing.length > 0) return { ok: false, missing: true, reason: `missing header(s): ${missing.join(", ")}` }
  const signature = get(HEADERS.signature)
  if (!signature) return { ok: false, missing: false, reason: "missing or empty signature" }
  const timestamp = get(HEADERS.timestamp)!
  if (!/^\d{1,16}$/.test(timestamp)) {
    return { ok: false, missing: true, reason: `timestamp "${timestamp.slice(0, 32)}" is not milliseconds` }
  }
  const uuid = get(HEADERS.uuid)!
  if (!/^[0-9a-fA-F-]{8,64}$/.test(uuid)) return { ok: false, missing: true, reason: "uuid is not a UUID" }
  const signedBy = get(HEADERS.signedBy)!
  const signedFor = get(HEADERS.signedFor)!
  if (signedFor !== expectedFor) {
    return { ok: false, missing: false, reason: `signed for ${signedFor.slice(0, 64)}, not for ${expectedFor}` }
  }
  return { ok: true, signedBy, signedFor, uuid, timestampMs: Number(timestamp), signature }
}

/** Whether the claimed signature verifies over `body` (the crypto step). */
export const verifySigned = (claimed: Extract<Claimed, { ok: true }>, body: Uint8Array, kind = "task"): boolean =>
  verifyMessage(
    signedMessage(body, claimed.uuid, claimed.timestampMs, claimed.signedFor, kind),
    claimed.signature,
    claimed.signedBy,
  )

/** Checks presence, the signature and that it is for `expectedFor`. Freshness and replay are the caller's checks. */
export function verifyHeaders(headers: Headers, body: Uint8Array, expectedFor: string): Verified {
  const claimed = readSigned(headers, expectedFor)
  if (!claimed.ok) return claimed
  if (!verifySigned(claimed, body)) {
    return { ok: false, missing: false, reason: `signature does not verify for ${claimed.signedBy.slice(0, 64)}` }
  }
  return { ok: true, signedBy: claimed.signedBy, uuid: claimed.uuid, timestampMs: claimed.timestampMs }
}

/**
 * Seen request uuids within the freshness window: a bounded map whose insertion order is its expiry order, so the
 * expired entries are always at the front. When it is full of live entries it refuses new ones (fail closed)
 * rather than forgetting a uuid that could then be replayed.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>()
  constructor(private readonly windowMs: number, private readonly maxEntries = 100_000) {}

  admit(uuid: string, nowMs: number): "ok" | "replay" | "full" {
    for (const [key, expires] of this.seen) {
      if (expires > nowMs) break
      this.seen.delete(key)
    }
    if (this.seen.has(uuid)) return "replay"
    if (this.seen.size >= this.maxEntries) return "full"
    this.seen.set(uuid, nowMs + 2 * this.windowMs) // a timestamp may be up to one window in the future
    return "ok"
  }

  get size(): number {
    return this.seen.size
  }
}
