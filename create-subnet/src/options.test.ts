import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import {
  dirProblem,
  InputError,
  nameFromDir,
  nameProblem,
  parseFlags,
  planFromFlags,
  runningPackageManager,
} from "./options.ts"

const plan = (argv: Array<string>) => planFromFlags(parseFlags(argv))
const scratch = mkdtempSync(join(tmpdir(), "create-subnet-unit-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe("flags", () => {
  it("--no-install and --no-git turn those steps off; defaults are on", () => {
    const dir = join(scratch, "app")
    expect(plan([dir, "--no-install", "--no-git", "--pm", "npm"])).toMatchObject({
      install: false,
      git: false,
      template: "blank",
      name: "app",
      pm: "npm",
    })
    expect(plan([dir, "--pm", "pnpm", "--template", "text"])).toMatchObject({
      install: true,
      git: true,
      template: "text",
      pm: "pnpm",
    })
  })

  it("rejects an unknown template, package manager or flag with a message naming it", () => {
    expect(() => plan(["x", "--template", "video"])).toThrow(
      /unknown template "video" \(templates: blank, text, image, storage\)/,
    )
    expect(() => plan(["x", "--pm", "bun"])).toThrow(/unknown package manager "bun"/)
    expect(() => plan(["x", "--templat", "text"])).toThrow(InputError)
    expect(() => plan(["a", "b"])).toThrow(/one target directory, not 2/)
  })
})

describe("package names", () => {
  it.each(["my-subnet", "@me/subnet", "a.b_c~d"])("accepts %s", (name) => expect(nameProblem(name)).toBeUndefined())
  it.each([
    ["My-Subnet", /capital letters/],
    ["", /empty/],
    [".hidden", /starts with "."/],
    ["has space", /characters npm does not allow/],
    ["node_modules", /not allowed/],
    ["a".repeat(215), /214/],
  ])("rejects %j", (name, why) => expect(nameProblem(name)).toMatch(why))

  it("derives a valid name from a directory", () => {
    expect(nameFromDir("/tmp/My Subnet!")).toBe("my-subnet-")
    expect(nameProblem(nameFromDir("/tmp/My Subnet!"))).toBeUndefined()
    expect(nameFromDir("/tmp/_x")).toBe("x")
  })
})

describe("target directory", () => {
  it("accepts a missing or empty directory (a lone .git too); refuses a non-empty one unless --overwrite, and a file", () => {
    const root = scratch
    expect(dirProblem(join(root, "absent"), false)).toBeUndefined()
    mkdirSync(join(root, "empty", ".git"), { recursive: true })
    expect(dirProblem(join(root, "empty"), false)).toBeUndefined()
    mkdirSync(join(root, "full"))
    writeFileSync(join(root, "full", "keep.txt"), "mine")
    expect(dirProblem(join(root, "full"), false)).toMatch(/is not empty \(1 entries\).*--overwrite/)
    expect(dirProblem(join(root, "full"), true)).toBeUndefined()
    expect(dirProblem(join(root, "full", "keep.txt"), true)).toMatch(/not a directory/)
  })
})

describe("package manager", () => {
  it("is the one running the command, else npm", () => {
    expect(runningPackageManager({ npm_config_user_agent: "pnpm/10.34.8 npm/? node/v20.20.2 linux x64" })).toBe("pnpm")
    expect(runningPackageManager({ npm_config_user_agent: "yarn/1.22.22 npm/? node/v20" })).toBe("yarn")
    expect(runningPackageManager({})).toBe("npm")
  })
})
