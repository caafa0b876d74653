import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeFixture, toFixtureOut } from "../input/fixture.ts"
import { parseJson } from "../input/json.ts"
import { yuma } from "./yuma.ts"

const dir = join(import.meta.dirname, "../../test/fixtures/yuma")
const scenarios = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "math_unit_vectors.json")

describe("golden epochs (subtensor runtime, bit-exact)", () => {
  it("behavior: every fixture file is present", () => {
    expect(scenarios.length).toBe(16)
  })
  for (const file of scenarios) {
    const fixture = decodeFixture(parseJson(readFileSync(join(dir, file), "utf8"), file))
    const mechanism = yuma(fixture.config)
    for (const epoch of fixture.epochs) {
      it(`${fixture.scenario} epoch ${epoch.i}: ${epoch.label}`, () => {
        expect(toFixtureOut(mechanism.epoch(epoch.input))).toEqual(normalizeOut(epoch.out))
      })
    }
  }
})

/** Fixture `out` with emissions as bigint (the parser keeps small integers as numbers). */
function normalizeOut(out: unknown) {
  const o = out as Record<string, unknown>
  const big = (xs: unknown) => (xs as Array<number | bigint>).map((x) => BigInt(x))
  return { ...o, E_srv: big(o.E_srv), E_val: big(o.E_val), E: big(o.E) }
}
