import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { randomEpochInput } from "../testing/randomEpochInput.ts"
import { yuma } from "../yuma/yuma.ts"
import { decodeFixture } from "./fixture.ts"
import { InvalidInput } from "./InvalidInput.ts"
import { parseJson } from "./json.ts"

const good = randomEpochInput({ n: 4, seed: 1 })
const rejects = (patch: Record<string, unknown>) => {
  try {
    yuma().epoch({ ...good, ...patch } as never)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput)
    return (e as InvalidInput).message
  }
  throw new Error("accepted a bad input")
}

describe("epoch input validation", () => {
  it("error: wrong length names the field and n", () => {
    expect(rejects({ lastUpdate: [1, 2, 3] })).toBe("lastUpdate: expected 4 entries (n), got 3")
  })
  it("error: uid out of range names the entry", () => {
    expect(rejects({ weights: [[[1, 5]], [[4, 1]], [], []] })).toBe("weights[1][0][0]: uid 4 is out of range (n = 4)")
  })
  it("error: NaN weight", () => {
    expect(rejects({ weights: [[[1, Number.NaN]], [], [], []] })).toBe("weights[0][0][1]: expected an integer, got NaN")
  })
  it("error: negative stake", () => {
    expect(rejects({ alphaStakeRao: [1n, -5n, 0n, 0n] })).toBe("alphaStakeRao[1]: -5 is out of the u64 range")
  })
  it("error: stake as a float", () => {
    expect(rejects({ alphaStakeRao: [1.5, 0n, 0n, 0n] })).toBe("alphaStakeRao[0]: expected a bigint (u64), got 1.5")
  })
  it("error: unknown field", () => {
    expect(rejects({ kappa: 1 })).toMatch(/^kappa: unknown field \(expected one of: n, block/)
  })
  it("error: duplicate uid in a row", () => {
    expect(rejects({ bonds: [[], [[0, 1], [0, 2]], [], []] })).toBe("bonds[1][1][0]: uid 0 appears twice in this row")
  })
  it("error: owner uid out of range", () => {
    expect(rejects({ ownerUid: 9 })).toBe("ownerUid: uid 9 is out of range (n = 4)")
  })
  it("error: bad config is rejected before any epoch", () => {
    expect(() => yuma({ kappaU16: 70000 })).toThrow("config.kappaU16: 70000 is out of range [0, 65535]")
    expect(() => yuma({ alphaLowU16: 50000, alphaHighU16: 40000 })).toThrow(
      "config.alphaLowU16: alpha low 50000 is above alpha high 40000",
    )
  })
})

describe("fixture decoding", () => {
  const text = readFileSync(join(import.meta.dirname, "../../test/fixtures/yuma/test_bonds.json"), "utf8")
  const decodeWith = (edit: (f: any) => void) => {
    const f = parseJson(text) as any
    edit(f)
    try {
      decodeFixture(f)
    } catch (e) {
      return (e as InvalidInput).message
    }
    return "accepted"
  }

  it("behavior: keeps integers above 2^53 exact", () => {
    const f = parseJson(
      "{\"a\": 18446744073709551615, \"b\": 3320413933267719290, \"c\": 5, \"d\": 0.5, \"s\": \"9007199254740993\"}",
    ) as any
    expect(f).toEqual({ a: 18446744073709551615n, b: 3320413933267719290n, c: 5, d: 0.5, s: "9007199254740993" })
  })
  it("error: paths use the fixture's own field names", () => {
    expect(decodeWith((f) => (f.epochs[2].weights[1][0][0] = 8))).toBe(
      "epochs[2].weights[1][0][0]: uid 8 is out of range (n = 8)",
    )
    expect(decodeWith((f) => f.epochs[1].permits_in.pop())).toBe("epochs[1].permits_in: expected 8 entries (n), got 7")
    expect(decodeWith((f) => (f.params.tempo = -1))).toBe("params.tempo: -1 is out of range [0, 65535]")
    expect(decodeWith((f) => (f.epochs[0].alpha_stake[0] = -1))).toBe(
      "epochs[0].alpha_stake[0]: -1 is out of the u64 range",
    )
    expect(decodeWith((f) => (f.epochs[0].extra = 1))).toMatch(/^epochs\[0\]\.extra: unknown field/)
    expect(decodeWith((f) => (f.params.kappa_u16 = "half"))).toBe("params.kappa_u16: expected an integer, got \"half\"")
    expect(decodeWith((f) => (f.params.alpha_low_u16 = 60000))).toBe(
      "params.alpha_low_u16: alpha low 60000 is above alpha high 58982",
    )
  })
  it("error: invalid JSON names the source", () => {
    expect(() => parseJson("{", "x.json")).toThrow(/^x\.json: not valid JSON/)
  })
})
