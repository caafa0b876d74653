import { assert, describe, it } from "@effect/vitest"
import { bodySize, decodeBody, encodeBody, FRAME_CONTENT_TYPE, JSON_CONTENT_TYPE, MalformedBody } from "./WireBody.ts"

const roundTrip = (value: unknown) => decodeBody(encodeBody(value).bytes)

describe("WireBody", () => {
  it("behavior: a body without bytes is its plain JSON text (Epistula clients read it as is)", () => {
    const { bytes, contentType } = encodeBody({ prompt: "héllo", n: [1, 2] })
    assert.strictEqual(contentType, JSON_CONTENT_TYPE)
    assert.strictEqual(bytes.toString("utf8"), "{\"prompt\":\"héllo\",\"n\":[1,2]}")
  })

  it("behavior: Uint8Array leaves travel raw in a frame and come back equal, wherever they are", () => {
    const value = {
      top: Uint8Array.of(1, 2, 3),
      list: [Uint8Array.of(), { deep: Uint8Array.of(255) }, null, "s"],
      n: 1,
    }
    const { bytes, contentType } = encodeBody(value)
    assert.strictEqual(contentType, FRAME_CONTENT_TYPE)
    assert.strictEqual(bytes[0], 0) // never valid JSON text
    assert.deepStrictEqual(roundTrip(value), value)
    assert.deepStrictEqual(roundTrip(Uint8Array.of(9, 8)), Uint8Array.of(9, 8))
  })

  it("behavior: the frame costs its header only: an 8 MiB leaf adds under 100 bytes", () => {
    const big = new Uint8Array(8 << 20)
    assert.isBelow(encodeBody({ image: big }).bytes.length - big.length, 100)
    assert.strictEqual(bodySize({ image: big }), encodeBody({ image: big }).bytes.length)
  })

  it("error: malformed frames name what is wrong", () => {
    const good = encodeBody({ a: Uint8Array.of(1, 2) }).bytes
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.from("{x"), /not JSON/],
      [good.subarray(0, 6), /shorter than its prefix/],
      [Buffer.concat([good.subarray(0, 4), Buffer.from([0xff, 0, 0, 0])]), /runs past the body/],
      [good.subarray(0, good.length - 1), /run past the body/],
      [Buffer.concat([good, Buffer.of(0)]), /1 bytes after/],
      [frame({ v: { a: 1 }, b: [[["a"], 0]] }), /does not point at a placeholder/],
      [frame({ v: {}, b: [[["__proto__"], 0]] }), /__proto__/],
      [frame({ v: { a: null }, b: [[["a", "b"], 0]] }), /is not in the value/],
      [frame({ v: null }), /lacks its binary list/],
    ]
    for (const [bytes, message] of cases) assert.throws(() => decodeBody(bytes), MalformedBody, message)
  })
})

/** A frame with a hand-written header and no attachments. */
function frame(header: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(header))
  const prefix = Buffer.from([0, 0x53, 0x4b, 0x42, 0, 0, 0, 0])
  prefix.writeUInt32BE(json.length, 4)
  return Buffer.concat([prefix, json])
}
