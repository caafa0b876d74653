/**
 * End to end on the mock chain: honest miners out-earn the ones that keep only hashes or fetch from their
 * neighbours (both fail the challenges) and a flaky one.
 */
import type { MinerProfile } from "@subnetkit/core"
import { decodeScenario, simulate } from "@subnetkit/core"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import flaky from "../src/profiles/flaky.ts"
import hashOnly from "../src/profiles/hashOnly.ts"
import proxying from "../src/profiles/proxying.ts"
import subnet from "../src/subnet.ts"

const scenario = decodeScenario(JSON.parse(readFileSync(new URL("../scenarios/default.json", import.meta.url), "utf8")))
// The scenario names these profiles by path; simulate() takes them already loaded, by the same names.
const minerProfiles: Record<string, MinerProfile> = {
  "../src/profiles/hashOnly.ts": hashOnly,
  "../src/profiles/proxying.ts": proxying,
  "../src/profiles/flaky.ts": flaky,
}

describe("storage subnet on the mock chain", () => {
  it("pays honest miners more than hash-only, proxying and flaky ones", async () => {
    const result = await Effect.runPromise(simulate(scenario, { subnet, minerProfiles }))
    const perHotkey = (name: string) => result.profiles.find((p) => p.name === name)!.perHotkeyTao
    for (const cheat of ["hash-only", "proxying", "flaky"]) {
      expect(perHotkey("honest")).toBeGreaterThan(perHotkey(cheat))
    }
  })
})
