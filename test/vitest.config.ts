import { defineProject } from "vitest/config"

/**
 * The slow end-to-end tests: real `subnet` processes (a localnet, miners, validators, simulations, a browser). They
 * run after every other project has finished (groupOrder) and one file at a time, so they never compete with the
 * unit tests for a small machine's cores. Ceilings are generous; the tests wait for events, not for times.
 */
export default defineProject({
  test: {
    name: "e2e",
    include: ["*.test.ts"],
    globalSetup: ["./globalSetup.ts"],
    sequence: { groupOrder: 1 },
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
})
