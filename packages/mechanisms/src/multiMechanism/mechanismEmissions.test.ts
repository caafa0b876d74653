import { describe, expect, it } from "vitest"
import { mechanismEmissions } from "./mechanismEmissions.ts"

const U64_MAX = (1n << 64n) - 1n
const sum = (xs: ReadonlyArray<bigint>) => xs.reduce((a, b) => a + b, 0n)

describe("split_emissions", () => {
  it("behavior: unset is even, the remainder to mechanism 0", () => {
    expect(mechanismEmissions(999_999_999n, null, 2)).toEqual([500_000_000n, 499_999_999n])
    expect(mechanismEmissions(10n, null, 3)).toEqual([4n, 3n, 3n])
  })
  it("behavior: u16 shares floor in u128 (exact beyond 2^53), the floors' remainder to mechanism 0", () => {
    expect(mechanismEmissions(1_000_000_000n, [45875, 19660], 2)).toEqual([700_007_630n, 299_992_370n])
    const shares = mechanismEmissions(U64_MAX, [10000, 20000, 35535], 3)
    expect(shares.slice(1)).toEqual([(U64_MAX * 20000n) / 65535n, (U64_MAX * 35535n) / 65535n])
    expect(sum(shares)).toBe(U64_MAX)
  })
  it("behavior: a short split is padded with 0, a long one cut to the count", () => {
    expect(mechanismEmissions(2_000_000_000n, [20000, 45535], 3)).toEqual([610_360_876n, 1_389_639_124n, 0n])
    expect(mechanismEmissions(100n, [30000, 30000, 5535], 2)).toEqual([55n, 45n])
  })
  it("behavior: empty cases: no emission, an empty split, no mechanisms", () => {
    expect(mechanismEmissions(0n, [30000, 35535], 2)).toEqual([0n, 0n])
    expect(mechanismEmissions(7n, [], 3)).toEqual([7n, 0n, 0n])
    expect(mechanismEmissions(7n, null, 0)).toEqual([])
  })
  it("error: bad emission, count or share names it", () => {
    expect(() => mechanismEmissions(-1n, null, 1)).toThrow("raoEmission: -1 is out of the u64 range")
    expect(() => mechanismEmissions(1n, null, 1.5)).toThrow("count: expected an integer, got 1.5")
    expect(() => mechanismEmissions(1n, [65536], 1)).toThrow("split[0]: 65536 is out of range [0, 65535]")
  })
})
