/**
 * create-subnet's input: interactive mode driven through a real pseudo-terminal (tmux) answers its prompts and writes
 * the very files the equivalent flags write; bad input (an invalid name, an unknown template, a non-empty directory)
 * is one clear line on stderr, exit code 1, and nothing written.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { cleanEnv, ok, sh } from "./shell.ts"

const root = join(import.meta.dirname, "..")
const tsx = join(root, "node_modules", ".bin", "tsx")
const script = join(root, "create-subnet", "src", "index.ts")
const work = mkdtempSync(join(tmpdir(), "create-subnet-input-"))
const create = (args: ReadonlyArray<string>, cwd = work) => sh(tsx, [script, ...args], { cwd, env: cleanEnv() })

/** Every file under `dir` (but .git), by relative path, with its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath, e.name)
    if (e.isFile() && !relative(dir, path).startsWith(".git/")) out[relative(dir, path)] = readFileSync(path, "latin1")
  }
  return out
}

describe("bad input", () => {
  it.each([
    [
      "an invalid name",
      ["bad-name-app", "--name", "Bad Name", "--yes"],
      /create-subnet: the package name "Bad Name" has capital letters/,
    ],
    [
      "an unknown template",
      ["bad-template-app", "--template", "video", "--yes"],
      /create-subnet: unknown template "video" \(templates: blank, text, image, storage\)/,
    ],
    ["an unknown flag", ["bad-flag-app", "--tempalte", "text"], /create-subnet: Unknown option '--tempalte'/],
  ])("%s: one line on stderr, exit 1, nothing written", async (_, args, message) => {
    const done = await create(args)
    expect(done.code).toBe(1)
    expect(done.stderr.trim()).toMatch(message)
    expect(done.stderr.trim().split("\n")).toHaveLength(1)
    expect(existsSync(join(work, args[0]!))).toBe(false)
  })

  it("a non-empty directory: refused and left as it was, unless --overwrite", async () => {
    const dir = join(work, "taken")
    mkdirSync(dir)
    writeFileSync(join(dir, "notes.txt"), "mine")
    const done = await create([dir, "--yes", "--no-install", "--no-git"])
    expect(done.code).toBe(1)
    expect(done.stderr.trim()).toMatch(
      /create-subnet: .*taken is not empty \(1 entries\); choose another directory or pass --overwrite/,
    )
    expect(tree(dir)).toEqual({ "notes.txt": "mine" })
    ok(await create([dir, "--yes", "--no-install", "--no-git", "--overwrite"]), "create --overwrite")
    expect(Object.keys(tree(dir))).toEqual(expect.arrayContaining(["src/subnet.ts", ".gitignore", "package.json"]))
    expect(existsSync(join(dir, "notes.txt"))).toBe(false)
  })
})

// One tmux server of this test's own, on its own socket: nothing else's sessions are touched.
const socket = `create-subnet-${process.pid}`
const tmux = (...args: Array<string>) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" })

/** Resolves when the terminal shows `pattern` (polled: the terminal has no events to wait on); fails after a ceiling. */
async function screenShows(pattern: RegExp, ceilingMs = 60_000): Promise<string> {
  const until = Date.now() + ceilingMs
  for (;;) {
    const screen = tmux("capture-pane", "-p", "-t", "cs")
    if (pattern.test(screen)) return screen
    if (Date.now() > until) throw new Error(`the terminal never showed ${pattern}:\n${screen}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

afterAll(() => {
  // The server ends with its one session; kill it only if a failed test left it running.
  try {
    execFileSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" })
  } catch {
    // already gone
  }
  rmSync(work, { recursive: true, force: true })
})

describe("interactive mode in a terminal", () => {
  it("answers the prompts and writes the same files as the equivalent flags", async () => {
    const exitFile = join(work, "interactive.exit")
    // Unset: CI would make it non-interactive, and pnpm's user agent would change the default package manager.
    const command = `env -u CI -u npm_config_user_agent ${tsx} ${script}; echo $? > ${exitFile}`
    tmux("new-session", "-d", "-s", "cs", "-x", "160", "-y", "50", "-c", work, command)
    await screenShows(/Where should the project go\?/)
    tmux("send-keys", "-t", "cs", "-l", "asked-app")
    tmux("send-keys", "-t", "cs", "Enter")
    await screenShows(/Package name/)
    tmux("send-keys", "-t", "cs", "-l", "@me/asked")
    tmux("send-keys", "-t", "cs", "Enter")
    await screenShows(/Template[\s\S]*blank/)
    tmux("send-keys", "-t", "cs", "Down", "Down", "Down") // blank, text, image, storage
    await screenShows(/● storage/)
    tmux("send-keys", "-t", "cs", "Enter")
    await screenShows(/Package manager[\s\S]*npm/)
    tmux("send-keys", "-t", "cs", "Down") // npm, pnpm, yarn
    await screenShows(/● pnpm/)
    tmux("send-keys", "-t", "cs", "Enter")
    await screenShows(/Install dependencies now\?/)
    tmux("send-keys", "-t", "cs", "-l", "n")
    await screenShows(/Initialise a git repository\?/)
    tmux("send-keys", "-t", "cs", "-l", "n")
    const until = Date.now() + 60_000
    while (!existsSync(exitFile) || readFileSync(exitFile, "utf8").trim() === "") {
      if (Date.now() > until) {
        throw new Error(`create-subnet did not finish:\n${tmux("capture-pane", "-p", "-t", "cs")}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(readFileSync(exitFile, "utf8").trim()).toBe("0")

    ok(
      await create([
        "flags-app",
        "--name",
        "@me/asked",
        "--template",
        "storage",
        "--pm",
        "pnpm",
        "--no-install",
        "--no-git",
        "--yes",
      ]),
      "create with flags",
    )
    const asked = tree(join(work, "asked-app"))
    expect(asked).toEqual(tree(join(work, "flags-app")))
    expect(JSON.parse(asked["package.json"]!).name).toBe("@me/asked")
    expect(existsSync(join(work, "asked-app", "node_modules"))).toBe(false) // install: no
    expect(existsSync(join(work, "asked-app", ".git"))).toBe(false) // git: no
  }, 180_000)
})
