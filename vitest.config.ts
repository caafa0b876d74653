import { configDefaults, defineConfig } from "vitest/config"

/**
 * One project per package: `pnpm test` runs them all, `pnpm vitest --project mechanisms` one.
 *
 * The slow end-to-end work runs in groups of its own, after the fast unit tests, so that on a small busy machine it
 * never competes with them for cores: group 1 is the real-process tests (`e2e`, test/vitest.config.ts, and core's
 * validator SIGKILL test, `core-processes`), group 2 the text subnet's tests (a real transformers.js model
 * in-process). Their ceilings are generous: the tests wait for events, and a ceiling only bounds how long a broken run
 * takes to fail.
 */
const crashTest = "src/neuron/validatorCrash.test.ts"

export default defineConfig({
  test: {
    projects: [
      "packages/cli/vitest.config.ts",
      "packages/mechanisms/vitest.config.ts",
      "create-subnet/vitest.config.ts",
      // Core's simulations take a few seconds alone and several times that beside a CPU hog: 60 s, not vitest's 5 s.
      {
        extends: "./packages/core/vitest.config.ts",
        root: "./packages/core",
        test: { name: "core", exclude: [...configDefaults.exclude, crashTest], testTimeout: 60_000 },
      },
      // Not `extends`: vitest would append this include to core's own (every core test).
      {
        root: "./packages/core",
        test: { name: "core-processes", include: [crashTest], sequence: { groupOrder: 1 }, testTimeout: 600_000 },
      },
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
