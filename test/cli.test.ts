/**
 * The `subnet` binary as a user runs it (the bundled CLI, plain node): exit codes, one stderr line per error, and
 * nothing but the command's own output on stdout.
 */
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { exited, killAll, subnet } from "./processes.ts"

afterAll(killAll)

const fixtures = join(import.meta.dirname, "../packages/mechanisms/test/fixtures/yuma")

const run = async (args: Array<string>) => {
  const proc = subnet(args)
  const code = await exited(proc)
  return { code, proc }
}

describe("the subnet binary", () => {
  it("behavior: prints JSON on stdout and exits 0", async () => {
    const { code, proc } = await run(["epoch", join(fixtures, "test_10_graph.json")])
    expect(code).toBe(0)
    expect(JSON.parse(proc.lines.join("\n")).epochs[0].out.E[0]).toBe(99999999)
  })

  it("error: invalid input exits 2 with one stderr line", async () => {
    const { code, proc } = await run(["epoch", "/no/such.json"])
    expect(code).toBe(2)
    expect(proc.lines).toEqual(["subnet epoch: cannot read /no/such.json: no such file"])
  })

  it("error: bare `subnet` prints the help on stderr and exits 2", async () => {
    const { code, proc } = await run([])
    expect(code).toBe(2)
    expect(proc.lines[0]).toBe("Usage: subnet <command> [options]")
  })
})

describe("the README's pnpm form", () => {
  it("behavior: `pnpm subnet` from a subdirectory prints only the command's output (no script banner)", async () => {
    const { spawn } = await import("node:child_process")
    const child = spawn("npx", ["-y", "pnpm@10.34.8", "subnet", "simulate", "--print-scenario"], {
      cwd: join(import.meta.dirname, "../subnets/text"),
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d))
    const code = await new Promise((resolve) => child.once("exit", resolve))
    expect(code).toBe(0)
    expect(JSON.parse(stdout).subnet).toBe("arithmetic") // the whole of stdout is the scenario
  })
})

describe("the bundle", () => {
  it("behavior: a fresh bundle is not rebuilt (the entry keeps its stamp)", async () => {
    const { statSync } = await import("node:fs")
    const { ensureBundle } = await import("../packages/cli/bin/bundle.mjs")
    const entry = await ensureBundle()
    const stamp = statSync(entry).mtimeMs
    await ensureBundle()
    expect(statSync(entry).mtimeMs).toBe(stamp)
  })
})
