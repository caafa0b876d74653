import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { defaultScenario, ScenarioError } from "./Scenario.ts"
import { simulate } from "./simulate.ts"

describe("simulate without a subnet", () => {
  it.each([["{}", {}], ["undefined", undefined]])(
    "fails with a ScenarioError naming the subnet (options %s)",
    async (_, options) => {
      const failure = await Effect.runPromise(Effect.flip(simulate(defaultScenario, options as never)))
      expect(failure).toBeInstanceOf(ScenarioError)
      expect(failure.path).toBe("subnet")
      expect(failure.message).toMatch(/^subnet: no subnet given: call simulate\(scenario, \{ subnet \}\)/)
    },
  )
})
