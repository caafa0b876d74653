import { defineConfig } from "vitest/config"

// One project per package: `pnpm test` runs them all, `pnpm vitest --project mechanisms` one.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "subnets/*/vitest.config.ts", "test/vitest.config.ts"],
  },
})
