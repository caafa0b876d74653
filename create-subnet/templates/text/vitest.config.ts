import { defineConfig } from "vitest/config"

// onnxruntime-node is a native addon: tests run in child processes rather than worker threads. Real models on a busy
// machine take seconds per epoch: the ceiling is generous.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], pool: "forks", testTimeout: 300_000 } })
