import { defineConfig } from "vitest/config"

// Simulations run many epochs of challenges in simulated time; on a busy machine that takes longer than 5 s.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 300_000 } })
