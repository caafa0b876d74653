import { describe, expect, it } from "vitest"
import { parseJson, stringifyJson } from "./json.ts"

describe("lossless JSON", () => {
  it("behavior: only integers past 2^53 become bigint; floats, safe integers and strings are untouched", () => {
    const text = String
      .raw`{"big": [-18446744073709551615, 9007199254740993], "safe": [9007199254740991, 1000000000000000, -5],
      "floats": [0.12345678901234567891, 1.5e-17, 12345678901234567.5, 1234567890123456789e2, 1e300],
      "strings": ["12345678901234567890", "a \" 98765432109876543210 \\", "\u0000bigint:7"]}`
    expect(parseJson(text)).toEqual({
      big: [-18446744073709551615n, 9007199254740993n],
      safe: [9007199254740991, 1000000000000000, -5],
      floats: [0.12345678901234567891, 1.5e-17, 12345678901234567.5, 1234567890123456789e2, 1e300],
      strings: ["12345678901234567890", "a \" 98765432109876543210 \\", 7n], // the marker itself revives, as it always has
    })
  })

  it("behavior: stringifyJson gives the text a bigint replacer gives", () => {
    const marker = "\u0000bigint:"
    const reference = (v: unknown, indent?: number) =>
      JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${marker}${x}` : x), indent).replace(
        /"\\u0000bigint:(-?\d+)"/g,
        "$1",
      )
    const value = {
      scenario: "s",
      epochs: [{
        i: 0,
        out: { E: [1n, -2n, 18446744073709551615n], bonds: [[[1, 2]], []], u: new Uint16Array([3, 4]) },
      }],
      nested: { deep: [[{ x: 5n, y: undefined, z: null }]], plain: [1, 2, 3], when: new Date(0) },
    }
    for (const indent of [undefined, 2]) expect(stringifyJson(value, indent)).toBe(reference(value, indent))
    expect(value.epochs[0]!.out.E[0]).toBe(1n) // the input is not changed
  })

  it("behavior: stringifyJson writes bigints as numbers that parse back exactly", () => {
    const value = { e: [0n, 18446744073709551615n], n: 3, s: "x" }
    expect(stringifyJson(value)).toBe("{\"e\":[0,18446744073709551615],\"n\":3,\"s\":\"x\"}")
    expect(parseJson(stringifyJson(value))).toEqual({ e: [0, 18446744073709551615n], n: 3, s: "x" })
  })
})
