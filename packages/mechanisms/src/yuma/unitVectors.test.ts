import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { blockEmission } from "../emission/blockEmission.ts"
import { alphaSigmoid } from "../fixed/expSafe.ts"
import { fromNumber, u16Proportion } from "../fixed/fixed.ts"
import { ONE_32 } from "../fixed/fixedBig.ts"
import { parseJson } from "../input/json.ts"
import { CsrBuilder, sum } from "./csr.ts"
import { weightedMedian, weightedMedianColumns } from "./weightedMedian.ts"

// Unit vectors asserted by subtensor's math.rs tests (yuma-spec §7.2). Inputs are f32 literals, as in Rust.
const groups = parseJson(
  readFileSync(join(import.meta.dirname, "../../test/fixtures/yuma/math_unit_vectors.json"), "utf8"),
) as Array<{
  group: string
  cases: Array<Record<string, any>>
}>
const group = (prefix: string) => groups.find((g) => g.group.startsWith(prefix))!.cases
const f32 = (x: number) => fromNumber(Math.fround(x))

describe("math unit vectors", () => {
  it.each(group("test_math_weighted_median_col "))("weighted_median_col κ=$kappa", (c) => {
    // Square matrix: rows are validators, the first columns are the cases' columns.
    const n = Math.max(c.weights.length, c.weights[0].length)
    const weights = new CsrBuilder(n, n * n)
    for (const row of c.weights) {
      row.forEach((w: number, j: number) => weights.push(j, f32(w)))
      weights.endRow()
    }
    const stake = [...c.stake.map(f32), ...new Array(n - c.stake.length).fill(0)]
    const consensus = weightedMedianColumns(stake, weights.done(), f32(c.kappa))
    expect(consensus.slice(0, c.expect.length)).toEqual(c.expect.map(f32))
  })

  it.each(group("test_math_weighted_median "))("weighted_median stake=$stake score=$score", (c) => {
    let stake: Array<number> = c.stake.map(f32)
    const total = sum(stake)
    if (c.stake.length === 1) stake = stake.map((s) => Math.floor(s * 2 ** 32 / total)) // the Rust test normalises this case
    const minority = sum(stake) - f32(c.majority)
    const got = weightedMedian(stake, c.score.map(f32), stake.map((_, i) => i), minority, 0, sum(stake))
    expect(got).toBe(f32(c.expect))
  })

  it.each(group("harness-only"))("alpha_sigmoid steep=$steep c=$c w=$w b=$b", (c) => {
    const bits = (x: number) => BigInt(fromNumber(x))
    const got = alphaSigmoid(
      bits(c.c),
      bits(c.w),
      bits(c.b),
      BigInt(u16Proportion(6553)),
      BigInt(u16Proportion(19660)),
      BigInt(c.steep) * ONE_32,
    )
    expect(got).toBe(BigInt(c.alpha_bits))
  })

  it.each(group("block emission"))("block emission at issuance $issuance", (c) => {
    expect(blockEmission(BigInt(c.issuance))).toBe(BigInt(c.emission))
  })
})
