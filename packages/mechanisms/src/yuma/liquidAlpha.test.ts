import { describe, expect, it } from "vitest"
import { alphaSigmoid, expSafe } from "../fixed/expSafe.ts"
import { expSafeNumber } from "../fixed/expSafeNumber.ts"
import { ONE } from "../fixed/fixed.ts"
import { mulberry32 } from "../testing/random.ts"
import { liquidAlpha, liquidAlphaRate } from "./liquidAlpha.ts"

// The Number fast path must give the bigint reference's bits.
const rand = mulberry32(99)

describe("liquid alpha on Number bits", () => {
  it("behavior: exp_safe equals the bigint series on 5000 seeded inputs in [-25, 25]", () => {
    for (let k = 0; k < 5000; k++) {
      const x = Math.round((rand() * 50 - 25) * ONE)
      const want = expSafe(BigInt(x))
      const got = expSafeNumber(x)
      if (want >= 2n ** 52n) expect(got).toBeNull()
      else expect(got, `exp(${x / ONE})`).toBe(Number(want))
    }
  })

  it("behavior: exp_safe equals the bigint series on 20000 seeded inputs in [-10, 10], whole and half-whole ones too", () => {
    // Inputs on coarse grids make terms whose float estimate lands on an integer: the exact fallback's cases.
    for (let k = 0; k < 20000; k++) {
      const grid = [1, 2 ** 12, 2 ** 24, 2 ** 28, ONE / 2, ONE][k % 6]!
      const x = Math.round(((rand() * 20 - 10) * ONE) / grid) * grid
      expect(expSafeNumber(x), `exp(${x / ONE})`).toBe(Number(expSafe(BigInt(x))))
    }
  })

  it.each([1000, 500, 1234, -1000, 2000, 4000, 8000])(
    "behavior: alpha equals the bigint alpha_sigmoid (steepness %i)",
    (steepness) => {
      const la = liquidAlpha(6553, 19660, steepness)
      for (let k = 0; k < 2000; k++) {
        const [c, w, b] = [rand(), rand(), rand()].map((x) => (rand() < 0.1 ? 0 : Math.floor(x * ONE)))
        const want = alphaSigmoid(
          BigInt(c!),
          BigInt(w!),
          BigInt(b!),
          BigInt(la.low),
          BigInt(la.high),
          BigInt(steepness) * BigInt(ONE),
        )
        expect(liquidAlphaRate(c!, w!, b!, la)).toBe(Number(want))
      }
    },
  )
})
