import { defineProject } from "vitest/config"

// The scaffolder's own checks (flags, names, templates in step with the reference subnets); the slow generate →
// install → test runs are in test/ (the e2e project).
export default defineProject({ test: { name: "create-subnet", include: ["src/**/*.test.ts"], testTimeout: 60_000 } })
