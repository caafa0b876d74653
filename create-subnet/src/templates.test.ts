/** The templates: each has the files a project needs, and the reference ones are in step with subnets/. */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { templateDrift } from "../scripts/syncTemplates.ts"
import type { Plan } from "./options.ts"
import { TEMPLATES } from "./options.ts"
import { manifestFor, templatesDir } from "./scaffold.ts"

const REQUIRED = ["src/subnet.ts", "src/task.ts", "src/miner.ts", "src/validator.ts", "test/subnet.test.ts", "scenarios/default.json", "README.md", "_gitignore", "package.json", "tsconfig.json"]

describe("templates", () => {
  it.each(TEMPLATES)("%s has every required file and script", (t) => {
    for (const f of REQUIRED) expect(existsSync(join(templatesDir, t, f)), `${t}/${f}`).toBe(true)
    const manifest = JSON.parse(readFileSync(join(templatesDir, t, "package.json"), "utf8")) as { scripts: Record<string, string> }
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(["test", "simulate", "localnet", "miner", "validator"]))
    const scenario = JSON.parse(readFileSync(join(templatesDir, t, "scenarios/default.json"), "utf8")) as { subnet: string }
    expect(scenario.subnet).toBe("../src/subnet.ts")
  })

  it("text, image and storage are in step with subnets/ (else: pnpm --filter create-subnet sync-templates)", () => {
    expect(templateDrift()).toEqual([])
  })
})

describe("package.json of a project", () => {
  const template = { name: "my-subnet", dependencies: { "@subnetkit/core": "*", "@subnetkit/cli": "*", effect: "4.1.0" } }
  const plan = (pm: Plan["pm"]): Plan => ({ dir: "x", name: "app", template: "blank", pm, install: false, git: false, overwrite: false, local: true, tarballs: undefined })
  const tarballs = { "@subnetkit/core": "/t/subnetkit-core-1.0.0.tgz", "@subnetkit/cli": "/t/subnetkit-cli-1.0.0.tgz", "@subnetkit/mechanisms": "/t/subnetkit-mechanisms-1.0.0.tgz" }

  it("depends on the released versions by default", () => {
    const m = manifestFor(template, { ...plan("npm"), local: false }, undefined)
    expect(m.name).toBe("app")
    expect(m.dependencies).toEqual({ "@subnetkit/core": "^0.0.0", "@subnetkit/cli": "^0.0.0", effect: "4.1.0" })
    expect(m.overrides).toBeUndefined()
  })

  it("with --local, on the tarballs, overridden for the package manager in use", () => {
    const npm = manifestFor(template, plan("npm"), tarballs)
    expect(npm.dependencies!["@subnetkit/core"]).toBe("file:local-packages/subnetkit-core-1.0.0.tgz")
    expect(npm.overrides!["@subnetkit/mechanisms"]).toBe("file:local-packages/subnetkit-mechanisms-1.0.0.tgz")
    expect((manifestFor(template, plan("pnpm"), tarballs).pnpm as { overrides: object }).overrides).toEqual(npm.overrides)
    expect(manifestFor(template, plan("yarn"), tarballs).resolutions).toEqual(npm.overrides)
  })
})
