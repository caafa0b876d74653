/**
 * Chopsticks is an optional peer dependency (issue 30): it needs Node >= 22 and serves only `subnet localnet
 * --chopsticks`, so installing the CLI does not pull it in, and the flag says in one line what to install.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { CHOPSTICKS_MISSING, chopsticksBin } from "./startChopsticks.ts"

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8"))

describe("chopsticks, optional", () => {
  it("behavior: the package is an optional peer of the CLI, not a dependency", () => {
    expect(manifest.dependencies["@acala-network/chopsticks"]).toBeUndefined()
    expect(manifest.peerDependenciesMeta["@acala-network/chopsticks"]).toEqual({ optional: true })
  })

  it("error: without it, --chopsticks names what to install and why it is optional, in one line", () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module '@acala-network/chopsticks'"), { code: "MODULE_NOT_FOUND" })
    }
    expect(() => chopsticksBin(missing)).toThrow(CHOPSTICKS_MISSING)
    expect(CHOPSTICKS_MISSING).not.toContain("\n")
    expect(CHOPSTICKS_MISSING).toMatch(/npm install .*@acala-network\/chopsticks@1\.5\.1/)
  })

  it("behavior: when installed, its bin is found next to its entry", () => {
    expect(chopsticksBin((id) => `/x/node_modules/${id}/dist/cjs/index.js`)).toBe(
      "/x/node_modules/@acala-network/chopsticks/chopsticks.cjs",
    )
  })
})
