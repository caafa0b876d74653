/** The templates: each project gets every file it needs, the reference ones straight from subnets/. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"
import type { Plan } from "./options.ts"
import { TEMPLATES } from "./options.ts"
import { referenceFiles } from "./reference.ts"
import { manifestFor, pmCommand, templatesDir, writeProject } from "./scaffold.ts"

const REQUIRED = [
  "src/subnet.ts",
  "src/task.ts",
  "src/miner.ts",
  "src/validator.ts",
  "test/subnet.test.ts",
  "scenarios/default.json",
  "README.md",
  "_gitignore",
  "package.json",
  "tsconfig.json",
]

describe("templates", () => {
  it.each(TEMPLATES)(
    "%s: a written project has every required file and script, and its own modules' imports resolve",
    (t) => {
      const dir = join(mkdtempSync(join(tmpdir(), "create-subnet-template-")), "app")
      try {
        writeProject({
          dir,
          name: "app",
          template: t,
          pm: "pnpm",
          install: false,
          git: false,
          overwrite: false,
          local: false,
          tarballs: undefined,
        }, undefined)
        for (const f of REQUIRED.map((r) => r.replace("_gitignore", ".gitignore"))) {
          expect(existsSync(join(dir, f)), `${t}/${f}`).toBe(true)
        }
        const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
          scripts: Record<string, string>
        }
        expect(Object.keys(manifest.scripts)).toEqual(
          expect.arrayContaining(["test", "simulate", "localnet", "miner", "validator"]),
        )
        const scenario = JSON.parse(readFileSync(join(dir, "scenarios/default.json"), "utf8")) as { subnet: string }
        expect(scenario.subnet).toBe("../src/subnet.ts")
        // The template's own modules import the reference subnet's: every relative import must be a file of the project.
        for (const own of readdirSync(join(templatesDir, t, "src"))) {
          for (const [, spec] of readFileSync(join(dir, "src", own), "utf8").matchAll(/from "(\.\.?\/[^"]+)"/g)) {
            expect(existsSync(join(dir, "src", spec!)), `${t}/src/${own} imports ${spec}`).toBe(true)
          }
        }
      } finally {
        rmSync(dirname(dir), { recursive: true, force: true })
      }
    },
  )

  it("text, image and storage take the reference subnets' files byte for byte, without their tests", () => {
    for (const t of ["text", "image", "storage"]) {
      const files = referenceFiles(t)
      expect(files.size, t).toBeGreaterThan(3)
      for (const [path, bytes] of files) {
        expect(path.endsWith(".test.ts"), path).toBe(false)
        if (path !== join("scenarios", "default.json")) {
          expect(bytes.equals(readFileSync(join(templatesDir, "../../subnets", t, path))), `${t}/${path}`).toBe(true)
        }
      }
    }
    expect(referenceFiles("blank").size).toBe(0)
  })
})

/** The project's modules `from` reaches through relative imports, itself included. */
function importedFrom(dir: string, from: string): Set<string> {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return
    seen.add(file)
    for (const [, spec] of readFileSync(join(dir, file), "utf8").matchAll(/from "(\.\.?\/[^"]+\.ts)"/g)) {
      visit(join(dirname(file), spec!))
    }
  }
  visit(from)
  return seen
}

describe("the code of a project", () => {
  it.each(TEMPLATES)("%s: its subnet is composed of its own task.ts, miner.ts and validator.ts", (t) => {
    const dir = join(mkdtempSync(join(tmpdir(), "create-subnet-template-")), "app")
    try {
      writeProject({
        dir,
        name: "app",
        template: t,
        pm: "npm",
        install: false,
        git: false,
        overwrite: false,
        local: false,
        tarballs: undefined,
      }, undefined)
      const modules = importedFrom(dir, "src/subnet.ts")
      for (const f of ["src/task.ts", "src/miner.ts", "src/validator.ts"]) expect(modules, `${t}: ${f}`).toContain(f)
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true })
    }
  })
})

describe("the README of a project", () => {
  it("behavior: without pnpm on the PATH, it runs the pnpm that scaffolded it through npx", () => {
    const env = { PATH: "", npm_config_user_agent: "pnpm/10.34.8 npm/? node/v20.20.2 linux x64" }
    expect(pmCommand("pnpm", env)).toEqual(["npx", "-y", "pnpm@10.34.8"])
    expect(pmCommand("npm", env)).toEqual(["npm"])
    const dir = join(mkdtempSync(join(tmpdir(), "create-subnet-template-")), "app")
    try {
      const plan: Plan = {
        dir,
        name: "app",
        template: "blank",
        pm: "pnpm",
        install: false,
        git: false,
        overwrite: false,
        local: false,
        tarballs: undefined,
      }
      writeProject(plan, undefined, env)
      const readme = readFileSync(join(dir, "README.md"), "utf8")
      expect(readme).toContain("npx -y pnpm@10.34.8 test")
      expect(readme).not.toMatch(/^pnpm /m)
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true })
    }
  })
})

describe("package.json of a project", () => {
  const template = {
    name: "my-subnet",
    dependencies: { "@subnetkit/core": "*", "@subnetkit/cli": "*", effect: "4.1.0" },
  }
  const plan = (pm: Plan["pm"]): Plan => ({
    dir: "x",
    name: "app",
    template: "blank",
    pm,
    install: false,
    git: false,
    overwrite: false,
    local: true,
    tarballs: undefined,
  })
  const tarballs = {
    "@subnetkit/core": "/t/subnetkit-core-1.0.0.tgz",
    "@subnetkit/cli": "/t/subnetkit-cli-1.0.0.tgz",
    "@subnetkit/mechanisms": "/t/subnetkit-mechanisms-1.0.0.tgz",
  }

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
    expect((manifestFor(template, plan("pnpm"), tarballs).pnpm as { overrides: object }).overrides).toEqual(
      npm.overrides,
    )
    expect(manifestFor(template, plan("yarn"), tarballs).resolutions).toEqual(npm.overrides)
  })

  it("behavior: npm denies the install scripts pnpm ignores, so neither prints a list of skipped scripts", () => {
    const pnpm = manifestFor(template, plan("pnpm"), undefined).pnpm as { ignoredBuiltDependencies: Array<string> }
    const npm = manifestFor(template, plan("npm"), undefined)
    expect(npm.allowScripts).toEqual(Object.fromEntries(pnpm.ignoredBuiltDependencies.map((n) => [n, false])))
    expect(pnpm.ignoredBuiltDependencies).toContain("esbuild")
    expect(manifestFor(template, plan("yarn"), undefined).allowScripts).toBeUndefined()
  })
})
