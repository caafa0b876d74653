import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { parseJson, stringifyJson } from "../input/json.ts"
import { decodeMechanismsFixture, toMechanismsFixtureOut } from "../input/mechanismsFixture.ts"
import { rowPairs } from "../Mechanism.ts"
import { yuma } from "../yuma/yuma.ts"
import { epochWithMechanisms } from "./epochWithMechanisms.ts"

const dir = join(import.meta.dirname, "../../test/fixtures/yuma-mechanisms")
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()

// Integers as the parser leaves them (small ones as numbers) turned into bigint where the output holds bigints.
const U64_FIELDS = new Set(["E_srv", "E_val", "E", "stake", "split", "mech_weight_bits"])
const normalize = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(normalize)
    : typeof x === "object" && x !== null
    ? Object.fromEntries(
      Object.entries(x).map(([k, v]) => [k, U64_FIELDS.has(k) ? (v as Array<number>).map(BigInt) : normalize(v)]),
    )
    : x

describe("golden multi-mechanism epochs (epoch_with_mechanisms, bit-exact)", () => {
  it("behavior: every fixture file is present", () => {
    expect(files).toEqual([
      "mech1_reduces_test_bonds.json",
      "mech2_commit_reveal_yuma3.json",
      "mech2_even_split_yuma2.json",
      "mech2_liquid_alpha_yuma3.json",
      "mech2_n64_tao_owner_yuma2.json",
      "mech2_one_mechanism_without_weights.json",
      "mech3_split_shorter_than_count.json",
      "mech3_uneven_split_yuma3.json",
      "mech3_zero_emission.json",
    ])
  })
  for (const file of files) {
    const fixture = decodeMechanismsFixture(parseJson(readFileSync(join(dir, file), "utf8"), file))
    describe(fixture.scenario, () => {
      for (const epoch of fixture.epochs) {
        const run = () => epochWithMechanisms(yuma(epoch.config), epoch.input)
        it(`epoch ${epoch.i}: ${epoch.label}: each mechanism's out and the aggregated out`, () => {
          expect(toMechanismsFixtureOut(run())).toEqual(normalize(epoch.expected))
        })
        it(`epoch ${epoch.i}: prints the file's document (same keys, order and numbers)`, () => {
          expect(stringifyJson(toMechanismsFixtureOut(run()))).toBe(stringifyJson(epoch.expected))
        })
      }
      it("behavior: chained, each epoch's bonds and permits are the previous epoch's output", () => {
        for (let k = 1; k < fixture.epochs.length; k++) {
          const previous = epochWithMechanisms(yuma(fixture.epochs[k - 1]!.config), fixture.epochs[k - 1]!.input)
          const input = fixture.epochs[k]!.input
          expect(input.permits).toEqual(previous.aggregated.permits)
          input.mechanisms.forEach((m, mecid) => {
            expect(m.bonds.map(rowPairs)).toEqual(previous.mechanisms[mecid]!.bonds.map(rowPairs))
          })
        }
      })
    })
  }
})
