/**
 * The text subnet in `simulate`: real generation with the bundled models, the real validator scoring, Yuma on the
 * mock chain. Honest miners out-earn lazy ones (the tiny random model on most tasks), who out-earn random ones; a
 * miner that serves a different model is paid nothing.
 */
import type { Scenario } from "@subnetkit/core"
import { defaultScenario, simulate } from "@subnetkit/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import otherModel from "./profiles/otherModel.ts"
import { makeTextSubnet } from "./textSubnet.ts"

describe("text subnet in simulate", () => {
  it(
    "behavior: honest > lazy > random per hotkey, a different model earns nothing, and a rerun gives the same bytes",
    async () => {
      const scenario: Scenario = {
        ...defaultScenario,
        subnet: "text",
        epochs: 10,
        roundsPerEpoch: 1,
        sampleSize: 10,
        capacity: 4,
        serviceMs: 100,
        miners: [
          { name: "honest", profile: "honest", count: 3 },
          { name: "lazy", profile: "lazy", count: 2, params: { quality: 0.4 } },
          { name: "random", profile: "random", count: 2 },
          { name: "other", profile: "other-model", count: 2 },
        ],
        validators: [{ name: "v", profile: "honest", count: 2, stakeTao: 1000 }],
      }
      const run = () =>
        Effect.runPromise(
          simulate(scenario, { subnet: makeTextSubnet(), minerProfiles: { "other-model": otherModel } }),
        )
      const r = await run()
      // Real models, simulated time: the machine's speed must not change the result.
      expect(JSON.stringify(await run())).toBe(JSON.stringify(r))
      const per = (name: string) => r.profiles.find((p) => p.name === name)!.perHotkeyTao
      expect(per("honest")).toBeGreaterThan(per("lazy"))
      expect(per("lazy")).toBeGreaterThan(per("random"))
      expect(per("other")).toBe(0)
    },
    120_000,
  )
})
