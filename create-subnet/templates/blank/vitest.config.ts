import { defineConfig } from "vitest/config"

// Simulations run many epochs in simulated time; on a busy machine that can take more than vitest's default 5 s.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 120_000 } })
