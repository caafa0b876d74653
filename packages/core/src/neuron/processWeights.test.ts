import { describe, expect, it } from "vitest"
import { seededRandom } from "../subnet/seededRandom.ts"
import { normalizeMaxWeight, processWeights, toEmitWeights } from "./processWeights.ts"

/** `normalize_max_weight` transliterated line by line from the SDK (sorted copy, cumulative sums): the reference. */
function sdkNormalizeMaxWeight(x: ReadonlyArray<number>, limit: number): Array<number> {
  const epsilon = 1e-7
  const values = x.slice().sort((a, b) => a - b)
  const total = values.reduce((a, b) => a + b, 0)
  if (total === 0 || x.length * limit <= 1) return x.map(() => 1 / x.length)
  const estimation = values.map((v) => v / total)
  if (Math.max(...estimation) <= limit) return x.map((w) => w / total)
  const cumsum: Array<number> = []
  estimation.reduce((acc, e, i) => (cumsum[i] = acc + e), 0)
  const estimationSum = estimation.map((e, i) => (values.length - i - 1) * e)
  const nValues = estimation.filter((e, i) => e / (estimationSum[i]! + cumsum[i]! + epsilon) < limit).length
  const cutoff = ((limit * cumsum[nValues - 1]! - epsilon) / (1 - limit * (estimation.length - nValues))) * total
  const clipped = x.map((w) => (w > cutoff ? cutoff : w))
  const clippedTotal = clipped.reduce((a, b) => a + b, 0)
  return clipped.map((w) => w / clippedTotal)
}

describe("SDK weight processing", () => {
  it("behavior: max-upscale to 65535, Python rounding, zeros dropped", () => {
    expect(toEmitWeights([0, 1, 2, 3], [0.5, 0.25, 0, 0.25])).toEqual({
      uids: [0, 1, 3],
      weights: [65535, 32768, 32768],
    })
    expect(toEmitWeights([4, 5], [0, 0])).toEqual({ uids: [], weights: [] })
    expect(toEmitWeights([1, 2], [1, 0.5 / 65535])).toEqual({ uids: [1], weights: [65535] }) // round(0.5) = 0 in Python
    expect(toEmitWeights([1, 2], [1, 1.5 / 65535])).toEqual({ uids: [1, 2], weights: [65535, 2] }) // round(1.5) = 2
  })

  it("behavior: normalize_max_weight caps the largest weight at the limit", () => {
    const out = normalizeMaxWeight([10, 1, 1, 1, 1], 0.4)
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    expect(Math.max(...out)).toBeLessThanOrEqual(0.4 + 1e-6)
    expect(out[1]).toBeCloseTo(out[2]!, 12)
    expect(normalizeMaxWeight([1, 2], 1)).toEqual([1 / 3, 2 / 3])
    expect(normalizeMaxWeight([0, 0, 0], 0.5)).toEqual([1 / 3, 1 / 3, 1 / 3])
  })

  it("behavior: no positive score gives uniform weights over the subnet, as the SDK does", () => {
    expect(processWeights([0, 1, 2], [0, 0, 0], { n: 3, minAllowedWeights: 1, maxWeightLimit: 1 })).toEqual({
      uids: [0, 1, 2],
      weights: [1 / 3, 1 / 3, 1 / 3],
    })
  })

  it("behavior: fewer positive scores than min_allowed_weights pads every uid with 1e-5", () => {
    const out = processWeights([0, 1, 2, 3], [0, 1, 0, 0], { n: 4, minAllowedWeights: 2, maxWeightLimit: 1 })
    expect(out.uids).toEqual([0, 1, 2, 3])
    expect(out.weights[1]).toBeGreaterThan(0.99)
    expect(out.weights[0]).toBeGreaterThan(0)
  })

  it("behavior: the exclude quantile drops the lowest weights, keeping min_allowed_weights", () => {
    const out = processWeights([0, 1, 2, 3], [0.1, 0.2, 0.3, 0.4], {
      n: 4,
      minAllowedWeights: 2,
      maxWeightLimit: 1,
      excludeQuantileU16: 65535,
    })
    expect(out.uids).toEqual([2, 3]) // max_exclude = (4 - 2) / 4 caps the quantile at 0.5
  })

  it("property: normalize_max_weight equals the SDK's line-by-line form to the last bit", () => {
    const random = seededRandom(11)
    for (let t = 0; t < 3000; t++) {
      const n = 1 + random.int(300)
      const x = Array.from(
        { length: n },
        () => (random.int(4) === 0 ? 0 : Math.pow(random.int(1000) / 1000, 1 + random.int(4))),
      )
      const limit = random.int(3) === 0 ? 1 : (1 + random.int(65535)) / 65535
      expect(normalizeMaxWeight(x, limit)).toEqual(sdkNormalizeMaxWeight(x, limit))
    }
  })
})
