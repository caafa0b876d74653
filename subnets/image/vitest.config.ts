import { defineProject } from "vitest/config"

// onnxruntime-node is a native addon: run its tests in child processes rather than worker threads.
export default defineProject({
  test: { name: "image", include: ["src/**/*.test.ts"], pool: "forks", testTimeout: 120_000 },
})
