import { defineProject } from "vitest/config"

// Commands run in-process here; the first one in a file loads the crypto wasm and the chain code, which takes seconds
// on a busy 2-core machine. The ceiling only bounds a hung test; it is not what a test checks.
export default defineProject({ test: { name: "cli", include: ["src/**/*.test.ts"], testTimeout: 60_000 } })
