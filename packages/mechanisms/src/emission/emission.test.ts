import { describe, expect, it } from "vitest"
import { InvalidInput } from "../input/InvalidInput.ts"
import { blockEmission, halvingTimeline, TOTAL_SUPPLY_RAO } from "./blockEmission.ts"
import { splitEmission } from "./splitEmission.ts"

const TAO = 1_000_000_000n

describe("halving timeline", () => {
  const timeline = halvingTimeline()

  it("behavior: halvings at 10.5M, 15.75M, 18.375M, 19.6875M TAO", () => {
    expect(timeline.slice(0, 5).map((h) => [h.issuanceRao, h.blockEmissionRao])).toEqual([
      [0n, TAO],
      [10_500_000n * TAO, TAO / 2n],
      [15_750_000n * TAO, TAO / 4n],
      [18_375_000n * TAO, TAO / 8n],
      [19_687_500n * TAO, TAO / 16n],
    ])
  })

  it("behavior: each boundary is the first issuance with the lower reward", () => {
    for (const h of timeline.slice(1)) {
      expect(blockEmission(h.issuanceRao)).toBe(h.blockEmissionRao)
      expect(blockEmission(h.issuanceRao - 1n)).toBe(timeline[h.halving - 1]!.blockEmissionRao)
    }
  })

  it("behavior: each era lasts 10.5M blocks (~4 years at 12 s) until rewards reach single rao", () => {
    expect(timeline[0]!.blocks).toBe(10_500_000n)
    expect(timeline[1]!.startYear).toBeCloseTo(3.99, 2)
    expect(timeline.at(-1)!.blockEmissionRao).toBe(1n)
    expect(blockEmission(TOTAL_SUPPLY_RAO)).toBe(0n)
  })
})

describe("emission split", () => {
  it("behavior: 18/41/41 by default, exact to the rao", () => {
    expect(splitEmission(1_000_000_000n)).toEqual({
      ownerRao: 179_995_422n,
      minersRao: 410_002_289n,
      validatorsRao: 410_002_289n,
    })
  })

  it("property: the parts always add up to the total", () => {
    for (const total of [0n, 1n, 7n, 999_999_999n, 123_456_789_012_345n]) {
      for (const ownerCutU16 of [0, 1, 11796, 65535]) {
        for (const minerPercentOfRest of [0, 33, 50, 100]) {
          const s = splitEmission(total, { ownerCutU16, minerPercentOfRest })
          expect(s.ownerRao + s.minersRao + s.validatorsRao).toBe(total)
          expect(s.minersRao >= 0n && s.validatorsRao >= 0n).toBe(true)
        }
      }
    }
  })

  it("error: shares out of range", () => {
    expect(() => splitEmission(1n, { ownerCutU16: 70000 })).toThrow(InvalidInput)
    expect(() => splitEmission(1n, { minerPercentOfRest: 101 })).toThrow(
      "shares.minerPercentOfRest: 101 is out of range [0, 100]",
    )
    expect(() => blockEmission(-1n)).toThrow("issuanceRao: must be non-negative, got -1")
  })
})
