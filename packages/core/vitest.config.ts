import { defineProject } from "vitest/config"

// Simulations and real runtimes run in-process here: seconds on a quiet machine, several times that on a busy 2-core
// one. The ceiling only bounds a hung test; it is not what a test checks.
export default defineProject({ test: { name: "core", include: ["src/**/*.test.ts"], testTimeout: 60_000 } })
