import { describe, expect, it } from "vitest"
import { aggregateTerms, weightedAccAlpha, weightedAccU16 } from "./aggregateTerms.ts"
import { mechanismWeightBits } from "./mechanismEmissions.ts"

const ONE = 1n << 64n
const U64_MAX = (1n << 64n) - 1n

describe("mechanism weights and the fold", () => {
  it("behavior: weight = ⌊split · 2^64 / rao⌋; with rao 0 mechanism 0 weighs 1 and the others 0", () => {
    expect(mechanismWeightBits(500_000_000n, 999_999_999n, 0)).toBe(9223372046078147854n)
    expect(mechanismWeightBits(7n, 7n, 1)).toBe(ONE)
    expect([0, 1, 2].map((k) => mechanismWeightBits(0n, 0n, k))).toEqual([ONE, 0n, 0n])
  })
  it("behavior: weighted_acc_u16 floors at every step and saturates at 65535", () => {
    const half = ONE / 2n // 0.5 exactly
    expect(weightedAccU16(weightedAccU16(0, 19289, half + 1n), 19289, half - 1n)).toBe(19288) // not ⌊19289 · 1⌋
    expect(weightedAccU16(65000, 65535, ONE)).toBe(65535)
    expect(weightedAccU16(3, 65535, 0n)).toBe(3)
  })
  it("behavior: weighted_acc_alpha floors and saturates at u64::MAX", () => {
    expect(weightedAccAlpha(0n, 3n, ONE / 3n)).toBe(0n)
    expect(weightedAccAlpha(U64_MAX - 1n, U64_MAX, ONE)).toBe(U64_MAX)
    expect(weightedAccAlpha(U64_MAX, U64_MAX, ONE)).toBe(U64_MAX)
  })
  it("behavior: sums saturate, booleans OR, incentive is mechanism 0's alone", () => {
    const out = (x: { e: bigint; i: number; p: boolean }) => ({
      permits: [x.p],
      active: [!x.p],
      stakeWeight: [100],
      totalStakeRao: [x.e],
      consensus: [100],
      validatorTrust: [100],
      incentive: [x.i],
      dividends: [100],
      serverEmission: [x.e],
      validatorEmission: [x.e],
      emission: [x.e],
      bonds: [],
    })
    const a = aggregateTerms([out({ e: U64_MAX, i: 1000, p: false }), out({ e: 5n, i: 60000, p: true })], [ONE, ONE])
    expect(a).toEqual({
      permits: [true],
      active: [true],
      stakeWeight: [200],
      totalStakeRao: [U64_MAX],
      consensus: [200],
      validatorTrust: [200],
      incentive: [1000],
      dividends: [200],
      serverEmission: [U64_MAX],
      validatorEmission: [U64_MAX],
      emission: [U64_MAX],
    })
    expect(aggregateTerms([], [])).toEqual(expect.objectContaining({ permits: [], emission: [] }))
  })
})
