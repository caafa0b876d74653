import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeFixture, toFixtureOut } from "../input/fixture.ts"
import { parseJson } from "../input/json.ts"
import { decodeMechanismsFixture } from "../input/mechanismsFixture.ts"
import type { EpochInput } from "../Mechanism.ts"
import { yuma } from "../yuma/yuma.ts"
import { epochWithMechanisms } from "./epochWithMechanisms.ts"
import type { SubnetEpochInput } from "./SubnetEpoch.ts"

const fixtures = join(import.meta.dirname, "../../test/fixtures")
const single = readdirSync(join(fixtures, "yuma")).filter((f) => f.endsWith(".json") && f !== "math_unit_vectors.json")
const read = (path: string) => parseJson(readFileSync(join(fixtures, path), "utf8"), path)

/** The same subnet with its one mechanism's storage in `mechanisms[0]` and no split. */
function oneMechanism(input: EpochInput): SubnetEpochInput {
  const { weights, bonds, lastUpdate, commitBlocks, ...subnet } = input
  return { ...subnet, emissionSplit: null, mechanisms: [{ weights, bonds, lastUpdate, commitBlocks }] }
}

describe("a one-mechanism subnet is today's epoch", () => {
  it("behavior: every single-mechanism golden file is read", () => {
    expect(single.length).toBe(16)
  })
  for (const file of single) {
    const fixture = decodeFixture(read(`yuma/${file}`))
    const mechanism = yuma(fixture.config)
    it(`behavior: ${fixture.scenario}: identical outputs on every epoch`, () => {
      for (const epoch of fixture.epochs) {
        const today = mechanism.epoch(epoch.input)
        const out = epochWithMechanisms(mechanism, oneMechanism(epoch.input))
        expect(out.split).toEqual([epoch.input.raoEmission])
        expect(out.weightBits).toEqual([1n << 64n])
        expect(out.mechanisms).toEqual([today])
        const { bonds: _, ...terms } = today
        expect(out.aggregated).toEqual(terms)
        expect(toFixtureOut(out.mechanisms[0]!)).toEqual(toFixtureOut(today))
      }
    })
  }

  it("behavior: mech1_reduces_test_bonds holds test_bonds' epochs and outputs in the multi-mechanism format", () => {
    const multi = decodeMechanismsFixture(read("yuma-mechanisms/mech1_reduces_test_bonds.json"))
    const bonds = decodeFixture(read("yuma/test_bonds.json"))
    expect(multi.epochs.map((e) => e.input)).toEqual(bonds.epochs.map((e) => oneMechanism(e.input)))
    expect(multi.epochs.map((e) => e.config)).toEqual(bonds.epochs.map(() => bonds.config))
    const outs = multi.epochs.map((e) => e.expected.mechanisms[0]!.out as Record<string, unknown>)
    const { SW: _sw, active: _a, stake: _s, ...singleShape } = outs[0]!
    expect(Object.keys(singleShape)).toEqual(Object.keys(bonds.epochs[0]!.out as object))
    outs.forEach((out, k) => expect(out).toMatchObject(bonds.epochs[k]!.out as object))
  })
})
