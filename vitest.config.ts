import { defineConfig } from "vitest/config"

/**
 * One project per package: `pnpm test` runs them all, `pnpm vitest --project mechanisms` one.
 *
 * The slow end-to-end work runs in groups of its own, after the fast unit tests, so that on a small busy machine it
 * never competes with them for cores: group 1 is `e2e` (real processes, test/vitest.config.ts), group 2 the text
 * subnet's tests (a real transformers.js model in-process). Their ceilings are generous: the tests wait for events,
 * and a ceiling only bounds how long a broken run takes to fail.
 */
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "subnets/*/vitest.config.ts",
      "!subnets/text/vitest.config.ts",
      "test/vitest.config.ts",
      {
        extends: "./subnets/text/vitest.config.ts",
        root: "./subnets/text",
        test: { sequence: { groupOrder: 2 }, testTimeout: 300_000, hookTimeout: 120_000 },
      },
    ],
  },
})
