/**
 * End to end on the mock chain: the scenario's miners answer through the real validator runtime, Yuma pays them, and
 * the honest ones must out-earn the ones that answer at random or not at all.
 */
import type { Scenario } from "@subnetkit/core"
import { simulate } from "@subnetkit/core"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import subnet from "../src/subnet.ts"

const scenario = JSON.parse(readFileSync(new URL("../scenarios/default.json", import.meta.url), "utf8")) as Scenario

describe("my-subnet on the mock chain", () => {
  it("pays honest miners, and not the random or offline ones", async () => {
    const result = await Effect.runPromise(simulate({ ...scenario, epochs: 5 }, { subnet }))
    const perHotkey = (name: string) => result.profiles.find((p) => p.name === name)!.perHotkeyTao
    expect(perHotkey("honest")).toBeGreaterThan(0)
    expect(perHotkey("honest")).toBeGreaterThan(10 * perHotkey("random"))
    expect(perHotkey("offline")).toBe(0)
  })
})
