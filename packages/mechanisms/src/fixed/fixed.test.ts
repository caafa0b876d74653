import { describe, expect, it } from "vitest"
import { mulberry32 } from "../testing/random.ts"
import { expSafe } from "./expSafe.ts"
import { div, mul, ONE, toU16Proportion, u16Proportion } from "./fixed.ts"
import { divI32F32, mulI32F32 } from "./fixedBig.ts"

// The Number kernels must give the BigInt reference's bits for every operand size the epoch can produce.
const rand = mulberry32(42)
const magnitudes = [2 ** 8, 2 ** 20, 2 ** 32, 2 ** 33, 2 ** 36, 2 ** 40, 2 ** 48, 2 ** 52]
function operand(): number {
  const m = magnitudes[Math.floor(rand() * magnitudes.length)]!
  const x = Math.floor(rand() * m)
  return rand() < 0.2 ? -x : x
}

describe("exact I32F32 on Number", () => {
  it("behavior: mul equals the BigInt floor product on 20000 seeded operand pairs", () => {
    for (let k = 0; k < 20000; k++) {
      const a = operand()
      const b = operand()
      const want = mulI32F32(BigInt(a), BigInt(b))
      if (want >= 2n ** 53n || want <= -(2n ** 53n)) {
        expect(() => mul(a, b)).toThrow(RangeError)
      } else {
        expect(mul(a, b), `${a} * ${b}`).toBe(Number(want))
      }
    }
  })

  it("behavior: div equals the BigInt truncated quotient on 20000 seeded operand pairs", () => {
    for (let k = 0; k < 20000; k++) {
      const a = operand()
      const b = operand()
      const want = divI32F32(BigInt(a), BigInt(b))
      if (want >= 2n ** 53n || want <= -(2n ** 53n)) continue
      expect(div(a, b), `${a} / ${b}`).toBe(Number(want))
    }
  })

  it("behavior: x / 0 is 0 (safe_div)", () => {
    expect(div(5 * ONE, 0)).toBe(0)
    expect(div(-5, 0)).toBe(0)
  })

  it("behavior: floor rounds negative products away from zero", () => {
    // −1.5 ulp floors to −2 ulp (yuma-spec §1)
    expect(mul(-3, ONE / 2)).toBe(-2)
    expect(mul(3, ONE / 2)).toBe(1)
  })

  it("behavior: u16 proportions round-trip as the runtime stores them", () => {
    expect(u16Proportion(65535)).toBe(ONE)
    expect(toU16Proportion(ONE)).toBe(65535)
    expect(toU16Proportion(u16Proportion(32767))).toBe(32766) // floor after truncation: the runtime loses 1
    expect(toU16Proportion(2 * ONE)).toBe(65535) // saturates
  })
})

describe("exp_safe", () => {
  it("behavior: matches the runtime's bits (yuma-spec §1)", () => {
    const bits = (x: number) => BigInt(Math.round(x * 2 ** 32))
    expect(expSafe(bits(-1))).toBe(1580030169n)
    expect(expSafe(bits(0.5))).toBe(7081203935n)
    expect(expSafe(bits(5))).toBe(637429664624n)
    expect(expSafe(bits(20))).toBe(2066907302758576256n)
    expect(expSafe(bits(-20))).toBe(8n)
    expect(expSafe(bits(1))).toBe(11674931200n) // the E constant, not the series
    expect(expSafe(bits(50))).toBe(expSafe(bits(20))) // clamped
  })
})

describe("exact I32F32 edge cases", () => {
  it("behavior: wide products with an integer or near-integer result take the exact path", () => {
    for (
      const [a, b] of [
        [2 ** 40, 2 ** 30 + 1],
        [3 * 2 ** 31, 2 ** 33],
        [2 ** 47 - 1, 2 ** 22 + 3],
        [2 ** 33 - 1, 2 ** 33 - 1],
        [-(2 ** 40), 2 ** 30 + 7],
      ] as const
    ) {
      expect(mul(a, b), `${a} * ${b}`).toBe(Number(mulI32F32(BigInt(a), BigInt(b))))
    }
  })

  it("behavior: quotients that are exact or nearly integers take the exact path", () => {
    for (
      const [a, b] of [
        [ONE, ONE],
        [3 * ONE, 3],
        [2 ** 40, 2 ** 8],
        [7, 7 * ONE],
        [ONE - 1, ONE],
        [-(5 * ONE), 5],
      ] as const
    ) {
      expect(div(a, b), `${a} / ${b}`).toBe(Number(divI32F32(BigInt(a), BigInt(b))))
    }
  })

  it("behavior: u16Proportion equals the bigint x / 65535 for every u16", () => {
    for (let x = 0; x <= 65535; x++) {
      if (u16Proportion(x) !== Number(divI32F32(BigInt(x) << 32n, 65535n << 32n))) expect.fail(`u16Proportion(${x})`)
    }
  })

  it("behavior: toU16Proportion equals floor(mul(x, 65535))", () => {
    for (let k = 0; k < 5000; k++) {
      const x = Math.floor(rand() * 1.2 * ONE)
      const want = Number(mulI32F32(BigInt(x), 65535n << 32n) >> 32n)
      expect(toU16Proportion(x)).toBe(Math.min(65535, want))
    }
  })
})
