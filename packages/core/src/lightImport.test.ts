/**
 * `import { defineSubnet } from "@subnetkit/core"` stays light: the real-chain adapter and `@polkadot/api` are
 * `@subnetkit/core/subtensor`'s. Checked in a fresh process: every @polkadot package records itself in
 * `globalThis.__polkadotjs` when it loads (@polkadot/util's `detectPackage`).
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const loadedBy = (specifier: string): ReadonlyArray<string> => {
  const script = `await import(${
    JSON.stringify(specifier)
  }); console.log(JSON.stringify(Object.keys(globalThis.__polkadotjs ?? {})))`
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: packageDir,
    encoding: "utf8",
  })
  return JSON.parse(out.trim().split("\n").at(-1)!) as ReadonlyArray<string>
}

describe("subpath exports", () => {
  it("behavior: importing @subnetkit/core does not load @polkadot/api; @subnetkit/core/subtensor does", () => {
    assert.notInclude(loadedBy("@subnetkit/core"), "@polkadot/api")
    assert.include(loadedBy("@subnetkit/core/subtensor"), "@polkadot/api")
  })
})
