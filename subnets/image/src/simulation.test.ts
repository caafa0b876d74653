/**
 * The image subnet's shipped scenario in `simulate`: real images, the real tiny classifiers, the real validator and
 * scoreboard, Yuma on the mock chain. Honest miners take ≥ 90% of what they and the constant, random and hash-lookup
 * miners earn, and more per hotkey than the worse model; the same run twice gives the same bytes.
 */
import { decodeScenario, simulate } from "@subnetkit/core"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { makeImageSubnet } from "./imageSubnet.ts"
import constant from "./profiles/constant.ts"
import hashLookup from "./profiles/hashLookup.ts"
import randomLabels from "./profiles/randomLabels.ts"
import worseModel from "./profiles/worseModel.ts"

const scenario = decodeScenario(JSON.parse(readFileSync(new URL("../scenario.json", import.meta.url), "utf8")))
const minerProfiles = {
  "./src/profiles/constant.ts": constant,
  "./src/profiles/randomLabels.ts": randomLabels,
  "./src/profiles/hashLookup.ts": hashLookup,
  "./src/profiles/worseModel.ts": worseModel,
}

describe("image subnet in simulate", () => {
  it(
    "behavior: honest ≥ 90% against constant, random and lookup; more per hotkey than the worse model; byte-identical reruns",
    async () => {
      const run = () => Effect.runPromise(simulate(scenario, { subnet: makeImageSubnet(), minerProfiles }))
      const r = await run()
      expect(JSON.stringify(await run())).toBe(JSON.stringify(r))
      const profile = (name: string) => r.profiles.find((p) => p.name === name)!
      const share = (name: string) => profile(name).emissionShare
      const againstCheats = share("honest") / (share("honest") + share("constant") + share("random") + share("lookup"))
      console.log(
        "image scenario:",
        JSON.stringify({
          shares: Object.fromEntries(r.profiles.map((p) => [p.name, p.emissionShare])),
          perHotkeyTao: Object.fromEntries(r.profiles.map((p) => [p.name, p.perHotkeyTao])),
          honestAgainstCheats: againstCheats,
          accuracy: Object.fromEntries(Object.entries(r.answers).map(([g, a]) => [g, a.meanReward])),
        }),
      )
      expect(againstCheats).toBeGreaterThanOrEqual(0.9)
      expect(profile("honest").perHotkeyTao).toBeGreaterThan(profile("worse-model").perHotkeyTao)
      expect(profile("honest").rank).toBe(1)
    },
    600_000,
  )
})
