import { defineProject } from "vitest/config"

export default defineProject({ test: { name: "mechanisms", include: ["src/**/*.test.ts"] } })
