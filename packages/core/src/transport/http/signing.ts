/**
 * Request and answer signing (Epistula v2 style). The caller signs, with its hotkey,
 * `${sha256(body)}.${uuid}.${timestamp_ms}.${signed_for}` and sends it in these headers:
 *
 * | header                       | value                                         |
 * | ---                          | ---                                           |
 * | `epistula-version`           | `2`                                           |
 * | `epistula-timestamp`         | milliseconds since the epoch                  |
 * | `epistula-uuid`              | a random UUID (replay protection)             |
 * | `epistula-signed-by`         | the signer's SS58 hotkey                      |
 * | `epistula-signed-for`        | the recipient's SS58 hotkey                   |
 * | `epistula-request-signature` | 0x-hex sr25519 signature of the message above |
 *
 * Answers carry the same headers, signed by the miner for the caller. A missing or empty signature is a failure,
 * never a skip (the SDK's empty-signature bypass, anchors §3.3).
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

export const signedMessage = (body: Uint8Array, uuid: string, timestampMs: number, signedFor: string) =>
  `${sha256(body)}.${uuid}.${timestampMs}.${signedFor}`

/** Headers signing `body` by `pair` for `signedFor`. */
export function signHeaders(pair: Keypair, body: Uint8Array, signedFor: string, timestampMs: number, uuid: string): Record<string, string> {
  return {
    [HEADERS.version]: "2",
    [HEADERS.timestamp]: String(timestampMs),
    [HEADERS.uuid]: uuid,
    [HEADERS.signedBy]: pair.address,
    [HEADERS.signedFor]: signedFor,
    [HEADERS.signature]: signMessage(pair, signedMessage(body, uuid, timestampMs, signedFor)),
  }
}

export type Headers = Readonly<Record<string, string | ReadonlyArray<string> | undefined>>

/** Why signed headers were rejected, or the verified fields. */
export type Verified =
  | { readonly ok: true; readonly signedBy: string; readonly uuid: string; readonly timestampMs: number }
  | { readonly ok: false; readonly missing: boolean; readonly reason: string }

const single = (headers: Headers, name: string): string | undefined => {
  const v = headers[name]
  return typeof v === "string" ? v : undefined
}

/** Checks presence, the signature and that it is for `expectedFor`. Freshness and replay are the caller's checks. */
export function verifyHeaders(headers: Headers, body: Uint8Array, expectedFor: string): Verified {
  const get = (name: string) => single(headers, name)
  const missing = [HEADERS.timestamp, HEADERS.uuid, HEADERS.signedBy, HEADERS.signedFor].filter((h) => !get(h))
  if (missing.length > 0) return { ok: false, missing: true, reason: `missing header(s): ${missing.join(", ")}` }
  const signature = get(HEADERS.signature)
  if (!signature) return { ok: false, missing: false, reason: "missing or empty signature" }
  const timestamp = get(HEADERS.timestamp)!
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, missing: true, reason: `timestamp "${timestamp.slice(0, 32)}" is not milliseconds` }
  const uuid = get(HEADERS.uuid)!
  if (!/^[0-9a-fA-F-]{8,64}$/.test(uuid)) return { ok: false, missing: true, reason: "uuid is not a UUID" }
  const signedBy = get(HEADERS.signedBy)!
  const signedFor = get(HEADERS.signedFor)!
  if (signedFor !== expectedFor) return { ok: false, missing: false, reason: `signed for ${signedFor.slice(0, 64)}, not for ${expectedFor}` }
  if (!verifyMessage(signedMessage(body, uuid, Number(timestamp), signedFor), signature, signedBy)) {
    return { ok: false, missing: false, reason: `signature does not verify for ${signedBy.slice(0, 64)}` }
  }
  return { ok: true, signedBy, uuid, timestampMs: Number(timestamp) }
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
