/**
 * `subnet storage` in process (no chain): usage errors name what is missing; `put` puts files in the inbox and
 * `ls` reads an index from a validator state file. And the storage subnet's settings through the CLI: a `--config`
 * file's `subnet` section and `--set` reach the simulated miners, and a bad value exits 2 naming where it came from.
 */
import { initialValidatorState } from "@subnetkit/core"
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { main } from "../packages/cli/src/main.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

describe("subnet storage (in process)", () => {
  it("error: a missing action or flag is named, exit 2", async () => {
    expect(await run("storage")).toMatchObject({
      code: 2,
      stderr: "subnet storage: missing the action: subnet storage put|get|ls. Run \"subnet storage --help\".\n",
    })
    expect(await run("storage", "put", "x")).toMatchObject({
      code: 2,
      stderr:
        "subnet storage: missing --dir: subnet storage put <file...> --dir <validator storage dir>. Run \"subnet storage --help\".\n",
    })
    const noState = await run("storage", "get", "abc", "--state", "/nonexistent/v.json", "--wallet", "v")
    expect(noState.code).toBe(2)
    expect(noState.stderr).toMatch(
      /^subnet storage: --state \/nonexistent\/v.json: cannot read the validator's index: ENOENT/,
    )
    expect((await run("storage", "--help")).stdout).toContain("subnet storage put <file...>")
  })

  it("behavior: put writes each file to the inbox and prints its id; ls lists an index", async () => {
    const dir = mkdtempSync(join(tmpdir(), "storage-cli-"))
    writeFileSync(join(dir, "a.txt"), "hello")
    const put = await run("storage", "put", join(dir, "a.txt"), "--dir", join(dir, "spool"), "--json")
    expect(put.code).toBe(0)
    const [file] = JSON.parse(put.stdout).files as Array<{ id: string; name: string }>
    expect(file!.name).toBe("a.txt")
    expect(readdirSync(join(dir, "spool", "inbox")).sort()).toEqual([`${file!.id}.bin`, `${file!.id}.json`])
    const index = {
      secret: "00",
      created: 0,
      miners: {},
      repaired: 0,
      files: [{
        id: file!.id,
        name: "a.txt",
        size: 5,
        sha256: "ab",
        source: "user",
        inInbox: true,
        chunks: [{ index: 0, size: 5, sha256: "ab", replicas: [] }],
      }],
    }
    const state = { ...initialValidatorState, step: 3, subnet: index }
    writeFileSync(join(dir, "v.json"), JSON.stringify(state))
    const ls = await run("storage", "ls", "--state", join(dir, "v.json"), "--json")
    expect(ls.stderr).toBe("")
    expect(JSON.parse(ls.stdout).files).toEqual([{
      id: file!.id,
      name: "a.txt",
      size: 5,
      sha256: "ab",
      chunks: 1,
      copies: 0,
      inInbox: true,
    }])
  })

  it(
    "behavior: the settings from --config and --set reach the storage subnet in subnet simulate; a bad one exits 2 naming it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "storage-cli-settings-"))
      const scenario = ["simulate", "--scenario", "subnets/storage/scenario.json", "--epochs", "2", "--json"]
      const perHotkeyHonest = (stdout: string) => {
        const miners = (JSON.parse(stdout).miners as Array<{ group: string; emissionTao: number }>).filter((m) =>
          m.group === "honest"
        )
        return miners.reduce((a, m) => a + m.emissionTao, 0) / miners.length
      }
      const shipped = await run(...scenario)
      expect(shipped.code).toBe(0)
      expect(perHotkeyHonest(shipped.stdout)).toBeGreaterThan(0)
      // A 1-byte cap from the file: every miner refuses every store, so nobody holds data and nobody is paid.
      writeFileSync(join(dir, "c.json"), JSON.stringify({ subnet: { capBytes: 1 } }))
      const capped = await run(...scenario, "--config", join(dir, "c.json"))
      expect(capped.code).toBe(0)
      expect(perHotkeyHonest(capped.stdout)).toBe(0)
      // --set wins over the file.
      const reset = await run(...scenario, "--config", join(dir, "c.json"), "--set", `capBytes=${2 ** 30}`)
      expect(perHotkeyHonest(reset.stdout)).toBe(perHotkeyHonest(shipped.stdout))

      expect(await run(...scenario, "--set", "replicas=0")).toMatchObject({
        code: 2,
        stderr:
          "subnet simulate: subnet storage configuration, --set replicas: Expected a value greater than or equal to 1\n",
      })
      writeFileSync(join(dir, "bad.json"), JSON.stringify({ subnet: { offlineAfterSteps: 3 } }))
      expect((await run(...scenario, "--config", join(dir, "bad.json"))).stderr).toMatch(
        /^subnet simulate: subnet storage configuration, config file offlineAfterSteps: no such setting \(settings: replicas, /,
      )
    },
    120_000,
  )
})
