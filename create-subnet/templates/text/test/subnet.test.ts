/**
 * End to end on the mock chain, with the real tiny models: honest miners out-earn random ones, and a miner that
 * serves a different model than the one the task declares is paid nothing.
 */
import type { Scenario } from "@subnetkit/core"
import { defaultScenario, simulate } from "@subnetkit/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import otherModel from "../src/profiles/otherModel.ts"
import subnet from "../src/subnet.ts"

const scenario: Scenario = {
  ...defaultScenario,
  subnet: "text",
  epochs: 5,
  roundsPerEpoch: 1,
  sampleSize: 8,
  capacity: 4,
  serviceMs: 100,
  miners: [
    { name: "honest", profile: "honest", count: 3 },
    { name: "random", profile: "random", count: 2 },
    { name: "other", profile: "other-model", count: 2 },
  ],
  validators: [{ name: "v", profile: "honest", count: 2, stakeTao: 1000 }],
}

describe("text subnet on the mock chain", () => {
  it("pays honest miners more than random ones, and nothing to another model", async () => {
    const result = await Effect.runPromise(simulate(scenario, { subnet, minerProfiles: { "other-model": otherModel } }))
    const perHotkey = (name: string) => result.profiles.find((p) => p.name === name)!.perHotkeyTao
    expect(perHotkey("honest")).toBeGreaterThan(perHotkey("random"))
    expect(perHotkey("other")).toBe(0)
  })
})
