/**
 * `create-subnet` as a user gets it: this repo's packages and the scaffolder packed into tarballs once, the
 * scaffolder run from its own tarball, each template generated into a temporary folder outside the workspace and
 * installed from those tarballs (the npm registry is the only network), then the project's tests, a 5-epoch
 * `subnet simulate` and a plain `import("@subnetkit/core")` in it. And a plain Node ESM app (no tsx, installed with
 * npm) that defines a subnet and simulates it.
 */
import { defaultScenario } from "@subnetkit/core"
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { packLocal } from "../create-subnet/src/local.ts"
import { TEMPLATES } from "../create-subnet/src/options.ts"
import { cleanEnv, ok, sh } from "./shell.ts"

const root = join(import.meta.dirname, "..")
const PNPM = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { packageManager: string }).packageManager
let work = ""
let tarballs = ""
let scaffolder = ""
let env: NodeJS.ProcessEnv = {}
const seconds: Record<string, number> = {}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "create-subnet-e2e-"))
  tarballs = packLocal(join(work, "tarballs"))
  ok(
    await sh("npx", ["-y", PNPM, "pack", "--pack-destination", join(work, "scaffolder")], {
      cwd: join(root, "create-subnet"),
    }),
    "pack create-subnet",
  )
  const packed = readdirSync(join(work, "scaffolder")).find((f) => f.endsWith(".tgz"))!
  ok(await sh("tar", ["xzf", packed], { cwd: join(work, "scaffolder") }), "untar create-subnet")
  scaffolder = join(work, "scaffolder", "package", "dist", "index.js")
  // `pnpm` for the scaffolder's install and the projects' scripts: the pinned one through npx when none is installed.
  const shims = join(work, "bin")
  mkdirSync(shims)
  writeFileSync(join(shims, "pnpm"), `#!/bin/sh\nexec npx -y ${PNPM} "$@"\n`)
  chmodSync(join(shims, "pnpm"), 0o755)
  env = cleanEnv({ PATH: `${shims}${delimiter}${process.env["PATH"]}` })
}, 900_000)

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true })
  if (Object.keys(seconds).length > 0) {
    console.log(
      "create-subnet e2e, seconds per template (generate + install + test + simulate + import):",
      JSON.stringify(seconds),
    )
  }
})

describe("create-subnet from its tarball", () => {
  it("ships its templates, the reference subnets' files (packed by prepack) and its built bin (the .gitignore as _gitignore, npm drops .gitignore files)", async () => {
    const list = ok(
      await sh("tar", ["tzf", readdirSync(join(work, "scaffolder")).find((f) => f.endsWith(".tgz"))!], {
        cwd: join(work, "scaffolder"),
      }),
      "list",
    ).stdout
    for (const f of [
      "package/dist/index.js",
      "package/templates/blank/_gitignore",
      "package/reference/text/models/tiny-gpt2/onnx/model.onnx",
      "package/reference/image/src/imageSubnet.ts",
      "package/templates/storage/src/subnet.ts",
    ]) {
      expect(list).toContain(f)
    }
    expect(list).not.toMatch(/\.test\.js|node_modules/)
  })

  it.each(TEMPLATES)(
    "template %s: generated, installed from the tarballs; its tests, a 5-epoch simulate and import('@subnetkit/core') pass",
    async (template) => {
      const started = performance.now()
      const dir = join(work, `app-${template}`)
      const created = ok(
        await sh(process.execPath, [
          scaffolder,
          dir,
          "--template",
          template,
          "--yes",
          "--tarballs",
          tarballs,
          "--pm",
          "pnpm",
          "--no-git",
        ], { cwd: work, env }),
        "create-subnet",
      )
      expect(created.stdout).toContain(`Created app-${template} (template ${template})`)
      // Nothing in a scaffold needs another Node or a build script (chopsticks is an optional peer of the CLI).
      expect(created.stdout + created.stderr).not.toMatch(/Ignored build scripts|EBADENGINE|Unsupported engine/)
      const tests = ok(await sh("pnpm", ["test"], { cwd: dir, env }), "pnpm test")
      expect(tests.stdout.replaceAll(/\x1b\[[0-9;]*m/g, "")).toMatch(/Tests\s+\d+ passed/)
      const simulated = ok(
        await sh("pnpm", ["simulate", "--epochs", "5", "--json"], { cwd: dir, env }),
        "pnpm simulate",
      )
      const result = JSON.parse(simulated.stdout.slice(simulated.stdout.indexOf("{"))) as {
        scenario: { epochs: number }
        profiles: Array<{ name: string; perHotkeyTao: number }>
      }
      expect(result.scenario.epochs).toBe(5)
      expect(result.profiles.find((p) => p.name === "honest")!.perHotkeyTao).toBeGreaterThan(0)
      const imported = ok(
        await sh(
          process.execPath,
          ["-e", `import("@subnetkit/core").then((m) => console.log(typeof m.defineSubnet))`],
          { cwd: dir, env },
        ),
        "import",
      )
      expect(imported.stdout.trim()).toBe("function")
      seconds[template] = Math.round((performance.now() - started) / 100) / 10
      // The published .d.ts and the exports' types conditions, as a user's tsc sees them (one template: ~20 s each).
      if (template === "blank") ok(await sh("pnpm", ["typecheck"], { cwd: dir, env }), "pnpm typecheck")
    },
    600_000,
  )
})

describe("a plain Node ESM app on the tarballs", () => {
  it(
    "installs with npm, defines a subnet in .js and simulates it (and the subnet command loads it); without a subnet, a ScenarioError",
    async () => {
      const dir = join(work, "plain-app")
      mkdirSync(dir)
      const tgz = (name: string) =>
        `file:${join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(`subnetkit-${name}-`))!)}`
      writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({
          name: "plain-app",
          private: true,
          type: "module",
          dependencies: { "@subnetkit/core": tgz("core"), "@subnetkit/cli": tgz("cli"), effect: "4.1.0" },
          overrides: { "@subnetkit/mechanisms": tgz("mechanisms"), "@subnetkit/core": tgz("core") },
        }),
      )
      writeFileSync(join(dir, "subnet.js"), PLAIN_SUBNET)
      writeFileSync(join(dir, "app.js"), PLAIN_APP)
      const installed = ok(await sh("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, env }), "npm install")
      expect(installed.stdout + installed.stderr).not.toMatch(/EBADENGINE/)
      const out = JSON.parse(ok(await sh(process.execPath, ["app.js"], { cwd: dir, env }), "node app.js").stdout) as {
        perHotkey: Record<string, number>
        noSubnet: { tag: string; message: string }
      }
      expect(out.perHotkey["honest"]).toBeGreaterThan(0)
      expect(out.perHotkey["honest"]).toBeGreaterThan(out.perHotkey["wrong"]!)
      expect(out.noSubnet).toEqual({ tag: "ScenarioError", message: expect.stringMatching(/^subnet: no subnet given/) })
      writeFileSync(
        join(dir, "scenario.json"),
        JSON.stringify({
          ...defaultScenario,
          subnet: "./subnet.js",
          miners: [{ name: "honest", profile: "honest", count: 2 }],
          validators: [{ name: "v", profile: "honest", count: 1, stakeTao: 1000 }],
        }),
      )
      const cli = ok(
        await sh(join(dir, "node_modules", ".bin", "subnet"), [
          "simulate",
          "--scenario",
          "scenario.json",
          "--epochs",
          "2",
          "--json",
        ], { cwd: dir, env }),
        "subnet simulate",
      )
      expect((JSON.parse(cli.stdout) as { scenario: { epochs: number } }).scenario.epochs).toBe(2)
    },
    600_000,
  )
})

const PLAIN_SUBNET = `
import { defineSubnet } from "@subnetkit/core"
import { Effect, Schema } from "effect"

export default defineSubnet({
  name: "double",
  version: "1.0.0",
  task: Schema.Struct({ n: Schema.Int }),
  response: Schema.Struct({ double: Schema.Int }),
  miner: (task) => Effect.succeed({ double: 2 * task.n }),
  validator: {
    generate: (ctx) => Effect.sync(() => ({ n: ctx.random.int(1000) })),
    score: (task, answers) => Effect.succeed(answers.map((a) => (a.status === "ok" && a.response?.double === 2 * task.n ? 1 : 0))),
  },
})
`

const PLAIN_APP = `
import { defaultScenario, simulate } from "@subnetkit/core"
import { Effect } from "effect"
import subnet from "./subnet.js"

const wrong = { name: "wrong", description: "answers n + 1", make: () => ({ answer: (task) => Effect.succeed({ double: task.n + 1 }) }) }
const scenario = {
  ...defaultScenario, subnet: "double", epochs: 3,
  miners: [{ name: "honest", profile: "honest", count: 3 }, { name: "wrong", profile: "wrong", count: 2 }],
  validators: [{ name: "v", profile: "honest", count: 1, stakeTao: 1000 }],
}
const result = await Effect.runPromise(simulate(scenario, { subnet, minerProfiles: { wrong } }))
const noSubnet = await Effect.runPromise(Effect.flip(simulate(scenario, {})))
console.log(JSON.stringify({
  perHotkey: Object.fromEntries(result.profiles.map((p) => [p.name, p.perHotkeyTao])),
  noSubnet: { tag: noSubnet._tag, message: noSubnet.message },
}))
`
