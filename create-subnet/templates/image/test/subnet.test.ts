/**
 * End to end on the mock chain, with real images and the real tiny classifier: honest miners out-earn the ones that
 * answer a constant label, random labels or a lookup of images seen before, and rank first.
 */
import type { MinerProfile } from "@subnetkit/core"
import { decodeScenario, simulate } from "@subnetkit/core"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import constant from "../src/profiles/constant.ts"
import hashLookup from "../src/profiles/hashLookup.ts"
import randomLabels from "../src/profiles/randomLabels.ts"
import worseModel from "../src/profiles/worseModel.ts"
import subnet from "../src/subnet.ts"

const scenario = decodeScenario(JSON.parse(readFileSync(new URL("../scenarios/default.json", import.meta.url), "utf8")))
// The scenario names these profiles by path; simulate() takes them already loaded, by the same names.
const minerProfiles: Record<string, MinerProfile> = {
  "../src/profiles/constant.ts": constant,
  "../src/profiles/randomLabels.ts": randomLabels,
  "../src/profiles/hashLookup.ts": hashLookup,
  "../src/profiles/worseModel.ts": worseModel,
}

describe("image subnet on the mock chain", () => {
  it("pays honest miners more than constant, random and lookup miners", async () => {
    const result = await Effect.runPromise(simulate({ ...scenario, epochs: 8 }, { subnet, minerProfiles }))
    const profile = (name: string) => result.profiles.find((p) => p.name === name)!
    for (const cheat of ["constant", "random", "lookup"]) {
      expect(profile("honest").perHotkeyTao).toBeGreaterThan(profile(cheat).perHotkeyTao)
    }
    expect(profile("honest").rank).toBe(1)
  })
})
