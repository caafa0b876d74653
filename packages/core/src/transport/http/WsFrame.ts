/**
 * One WebSocket message: a binary frame `u32 big-endian header length H | H bytes of header JSON | body bytes`.
 * The body bytes are exactly what HTTP would carry (and what is signed): JSON text or a `WireBody` frame, so binary
 * leaves travel raw and nothing is re-encoded between the signature and the wire.
 *
 * | message                 | header JSON                                   | body                          |
 * | ---                     | ---                                           | ---                           |
 * | request (→ Axon)        | `{id, kind, headers, timeoutMs?}`             | the signed request body       |
 * | element of a stream     | `{id, status: 100, headers: {}}`              | the element (unsigned, provisional) |
 * | reply (← Axon)          | `{id, status, headers}` (`id` null when the request's could not be read) | the signed answer, or `{error, message}` |
 */

export interface WsRequestHeader {
  readonly id: string
  readonly kind: string
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs?: number
}

export interface WsReplyHeader {
  readonly id: string | null
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
}

/** One frame: header then body. */
export function packWs(header: WsRequestHeader | WsReplyHeader, body: Uint8Array): Buffer {
  const json = Buffer.from(JSON.stringify(header))
  const out = Buffer.allocUnsafe(4 + json.length + body.byteLength)
  out.writeUInt32BE(json.length, 0)
  json.copy(out, 4)
  out.set(body, 4 + json.length)
  return out
}

/** A frame's parsed header and its body (a view, no copy), or null when it is not a frame. */
export function unpackWs(data: Buffer): { readonly header: Record<string, unknown>; readonly body: Buffer } | null {
  if (data.length < 4) return null
  const length = data.readUInt32BE(0)
  if (4 + length > data.length || length > 64 * 1024) return null // headers are small; a huge one is an attack
  try {
    const header = JSON.parse(data.toString("utf8", 4, 4 + length))
    if (typeof header !== "object" || header === null || Array.isArray(header)) return null
    return { header, body: data.subarray(4 + length) }
  } catch {
    return null
  }
}

/** A request header, if every field has its type. */
export function asRequestHeader(h: Record<string, unknown>): WsRequestHeader | null {
  if (
    typeof h.id !== "string" || h.id.length > 128 || typeof h.kind !== "string" || typeof h.headers !== "object" ||
    h.headers === null
  ) return null
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(h.headers)) if (typeof v === "string") headers[k.toLowerCase()] = v
  return { id: h.id, kind: h.kind, headers, ...(typeof h.timeoutMs === "number" ? { timeoutMs: h.timeoutMs } : {}) }
}
