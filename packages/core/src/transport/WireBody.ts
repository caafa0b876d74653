/**
 * How a body travels: the exact bytes that are signed (sha256 over them) and sent, for HTTP and WebSocket alike.
 *
 * | body                          | bytes on the wire                                                          | HTTP content-type                 |
 * | ---                           | ---                                                                        | ---                               |
 * | no `Uint8Array` leaf          | its JSON text (UTF-8), as Epistula clients send it                         | `application/json`                |
 * | one or more `Uint8Array` leaves | a frame: `00 53 4B 42` ("\0SKB"), u32 big-endian header length H, H bytes of header JSON `{"v": value, "b": [[path, length], …]}` (each binary leaf is `null` in `v`; `path` is its list of keys and indexes), then the leaves' raw bytes back to back, in `b`'s order | `application/vnd.subnetkit.frame` |
 *
 * The frame was chosen over base64 inside JSON by measurement (`pnpm bench --only=transport`, a signed 8 MiB request
 * and 8 MiB answer on loopback, three runs on a busy 2-core machine): HTTP 64–104 MB/s framed vs 22–37 MB/s
 * base64, WebSocket 29–107 vs 18–28 MB/s; the frame won every pairing, by 1.6–3.8×. Base64 adds a third to the bytes, an encode and a decode on each side and a JSON string of 11 MB to
 * scan; a frame costs a copy. A frame never starts like JSON text (which cannot contain a NUL
 * byte), so the first byte tells the two apart; a JSON body is unchanged, so plain Epistula clients keep working.
 */

export const FRAME_CONTENT_TYPE = "application/vnd.subnetkit.frame"
export const JSON_CONTENT_TYPE = "application/json"
const MAGIC = [0x00, 0x53, 0x4b, 0x42] as const
const PREFIX = 8
/** Nesting deeper than this is refused on decode and treated as a bug on encode (a body is a tree, not a graph). */
const MAX_DEPTH = 64

type Path = Array<string | number>

/** The body's leaves that are bytes, each with its path, replaced by null in a copy of the body. */
function extract(value: unknown, path: Path, found: Array<readonly [Path, Uint8Array]>, depth: number): unknown {
  if (value instanceof Uint8Array) {
    found.push([[...path], value])
    return null
  }
  if (typeof value !== "object" || value === null) return value
  if (depth > MAX_DEPTH) throw new Error(`a body nests deeper than ${MAX_DEPTH} levels`)
  if (Array.isArray(value)) {
    let copy: Array<unknown> | undefined
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      const out = extract(value[i], path, found, depth + 1)
      path.pop()
      if (out !== value[i]) (copy ??= [...value])[i] = out
    }
    return copy ?? value
  }
  let copy: Record<string, unknown> | undefined
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key]
    path.push(key)
    const out = extract(inner, path, found, depth + 1)
    path.pop()
    if (out !== inner) (copy ??= { ...(value as Record<string, unknown>) })[key] = out
  }
  return copy ?? value
}

/** The bytes to sign and send for `body`, and their content type. */
export function encodeBody(body: unknown): { readonly bytes: Buffer; readonly contentType: string } {
  const leaves: Array<readonly [Path, Uint8Array]> = []
  const value = extract(body, [], leaves, 0)
  if (leaves.length === 0) return { bytes: Buffer.from(JSON.stringify(body) ?? "null"), contentType: JSON_CONTENT_TYPE }
  const header = Buffer.from(JSON.stringify({ v: value, b: leaves.map(([path, bytes]) => [path, bytes.byteLength]) }))
  let size = PREFIX + header.length
  for (const [, bytes] of leaves) size += bytes.byteLength
  const out = Buffer.allocUnsafe(size)
  out.set(MAGIC, 0)
  out.writeUInt32BE(header.length, 4)
  header.copy(out, PREFIX)
  let at = PREFIX + header.length
  for (const [, bytes] of leaves) {
    out.set(bytes, at)
    at += bytes.byteLength
  }
  return { bytes: out, contentType: FRAME_CONTENT_TYPE }
}

/** Whether `bytes` is a frame (rather than JSON text). */
export const isFrame = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1] && bytes[2] === MAGIC[2] && bytes[3] === MAGIC[3]

/** Why bytes are not a body. */
export class MalformedBody extends Error {}

/**
 * The body in `bytes` (JSON text or a frame). Binary leaves are fresh `Uint8Array`s viewing `bytes` (no copy), so
 * they compare equal to what was sent. Throws `MalformedBody` naming what is wrong.
 */
export function decodeBody(bytes: Buffer): unknown {
  if (!isFrame(bytes)) {
    try {
      return JSON.parse(bytes.toString("utf8"))
    } catch {
      throw new MalformedBody("body is not JSON")
    }
  }
  if (bytes.length < PREFIX) throw new MalformedBody("frame shorter than its prefix")
  const headerLength = bytes.readUInt32BE(4)
  if (PREFIX + headerLength > bytes.length) {
    throw new MalformedBody(`frame header of ${headerLength} bytes runs past the body`)
  }
  let header: { v?: unknown; b?: unknown }
  try {
    header = JSON.parse(bytes.toString("utf8", PREFIX, PREFIX + headerLength))
  } catch {
    throw new MalformedBody("frame header is not JSON")
  }
  if (typeof header !== "object" || header === null || !Array.isArray(header.b)) {
    throw new MalformedBody("frame header lacks its binary list")
  }
  const root = { v: header.v }
  let at = PREFIX + headerLength
  for (const entry of header.b as Array<unknown>) {
    if (
      !Array.isArray(entry) || entry.length !== 2 || !Array.isArray(entry[0]) || !Number.isSafeInteger(entry[1]) ||
      entry[1] < 0
    ) {
      throw new MalformedBody("frame header has a malformed binary entry")
    }
    const [path, length] = entry as [Array<unknown>, number]
    if (at + length > bytes.length) throw new MalformedBody("frame attachments run past the body")
    place(root, path, new Uint8Array(bytes.buffer, bytes.byteOffset + at, length))
    at += length
  }
  if (at !== bytes.length) throw new MalformedBody(`frame has ${bytes.length - at} bytes after its attachments`)
  return root.v
}

/** Puts `leaf` at `path` under `root.v`, where the header left a null; anything else is a malformed frame. */
function place(root: { v: unknown }, path: Array<unknown>, leaf: Uint8Array): void {
  if (path.length > MAX_DEPTH) throw new MalformedBody("frame path too deep")
  let parent: unknown = root
  let key: unknown = "v"
  for (const step of path) {
    parent = (parent as Record<string, unknown>)[key as string]
    key = step
    if (step === "__proto__") throw new MalformedBody("frame path names __proto__")
    const indexable = Array.isArray(parent)
      ? Number.isSafeInteger(step)
      : typeof parent === "object" && parent !== null && typeof step === "string"
    if (!indexable || !Object.hasOwn(parent as object, step as string)) {
      throw new MalformedBody(`frame path ${JSON.stringify(path).slice(0, 80)} is not in the value`)
    }
  }
  const container = parent as Record<string, unknown>
  if (container[key as string] !== null) {
    throw new MalformedBody(`frame path ${JSON.stringify(path).slice(0, 80)} does not point at a placeholder`)
  }
  container[key as string] = leaf
}

/** Whether a body has a binary leaf (and so travels as a frame); walks without allocating. */
function hasBinary(value: unknown, depth: number): boolean {
  if (value instanceof Uint8Array) return true
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return false
  if (Array.isArray(value)) {
    for (const item of value) if (hasBinary(item, depth + 1)) return true
    return false
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && hasBinary((value as Record<string, unknown>)[key], depth + 1)) return true
  }
  return false
}

/** Cached sizes of bodies that are objects: a round sends one task object to every miner. */
const sizes = new WeakMap<object, number>()

/**
 * The encoded size of `body` in bytes (what a limit is compared with). A JSON body is measured without building its
 * bytes: the in-process transport measures every request and answer, and most are small JSON.
 */
export function bodySize(body: unknown): number {
  if (typeof body !== "object" || body === null) return Buffer.byteLength(JSON.stringify(body) ?? "null")
  const known = sizes.get(body)
  if (known !== undefined) return known
  const size = hasBinary(body, 0) ? encodeBody(body).bytes.length : Buffer.byteLength(JSON.stringify(body))
  sizes.set(body, size)
  return size
}
