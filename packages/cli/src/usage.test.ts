/**
 * The traps a newcomer hit (issue 18): each ends with one line on stderr and the right exit code — 2 for usage, 1 for
 * a failure while running — never a stack trace.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { main } from "./main.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

const oneLine = (text: string) => text.trim().split("\n")

describe("usage errors: exit 2, one line", () => {
  it("error: bare `subnet` prints the help on stderr", async () => {
    const r = await run()
    expect(r.code).toBe(2)
    expect(r.stdout).toBe("")
    expect(r.stderr).toMatch(/^Usage: subnet <command>/)
  })

  it("error: an unknown option names it and the help to read, with balanced quotes", async () => {
    expect(await run("epoch", "x.json", "--frob")).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet epoch: unknown option --frob. Run \"subnet epoch --help\" for its options.\n",
    })
    expect(await run("simulate", "--json=3")).toMatchObject({
      code: 2,
      stderr: "subnet simulate: --json takes no value. Run \"subnet simulate --help\" for its options.\n",
    })
    expect(await run("simulate", "--epochs")).toMatchObject({
      code: 2,
      stderr: "subnet simulate: --epochs needs a value. Run \"subnet simulate --help\" for its options.\n",
    })
  })

  it("error: a negative number reaches the command's own check (not parseArgs' 'ambiguous')", async () => {
    expect(await run("simulate", "--epochs", "-3")).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet simulate: --epochs: expected a whole number, got \"-3\"\n",
    })
  })

  it("error: a number flag outside its range names the flag and the range", async () => {
    expect(await run("localnet", "--tempo", "70000")).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet localnet: --tempo: expected an integer in [1, 65535], got \"70000\"\n",
    })
    expect(await run("localnet", "--port", "1.5")).toMatchObject({
      code: 2,
      stderr: "subnet localnet: --port: expected an integer in [0, 65535], got \"1.5\"\n",
    })
    expect(await run("emission", "--block-seconds", "Infinity")).toMatchObject({
      code: 2,
      stderr: "subnet emission: --block-seconds: expected a positive number, got \"Infinity\"\n",
    })
    expect(await run("metagraph", "--netuid", " ")).toMatchObject({
      code: 2,
      stderr: "subnet metagraph: --netuid: expected an integer in [0, 65535], got \" \"\n",
    })
  })

  it("error: a missing argument is named", async () => {
    expect(await run("query", "--subnet", "arithmetic", "--wallet", "w")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "subnet query: missing --input: subnet query --subnet <name|path> --input '<task json>' --wallet <name>\n",
    })
    expect(oneLine((await run("query")).stderr)).toEqual([
      "subnet query: missing --subnet, --input, --wallet: subnet query --subnet <name|path> --input '<task json>' --wallet <name>",
    ])
    expect(await run("epoch")).toMatchObject({
      code: 2,
      stderr: "subnet epoch: missing the fixture file: subnet epoch <file.json>. Run \"subnet epoch --help\".\n",
    })
  })
})

describe("runtime failures: exit 1, one line", () => {
  it("error: a subnet function that throws names the subnet, the function and the user's frame", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-bug-"))
    const core = JSON.stringify(join(import.meta.dirname, "../../core/src/index.ts"))
    writeFileSync(
      join(dir, "buggy.mjs"),
      `
      import { arithmetic, defineSubnet } from ${core}
      import { Effect } from "effect"
      function scoreAll(answers) { return answers.map((a) => a.response.nope.deeper) }
      export default defineSubnet({ ...arithmetic, name: "buggy", version: "1.0.0",
        validator: { ...arithmetic.validator, score: (task, answers) => Effect.sync(() => scoreAll(answers)) } })`,
    )
    writeFileSync(
      join(dir, "s.json"),
      JSON.stringify({
        subnet: "./buggy.mjs",
        mechanism: "yuma",
        epochs: 2,
        seed: 1,
        roundsPerEpoch: 1,
        sampleSize: 4,
        timeoutMs: 1000,
        serviceMs: 100,
        capacity: 4,
        hyperparameters: { tempo: 10, weightsRateLimit: 10 },
        miners: [{ name: "honest", profile: "honest", count: 2 }],
        validators: [{ name: "v", profile: "honest", count: 1, stakeTao: 100 }],
      }),
    )
    const r = await run("simulate", "--scenario", join(dir, "s.json"))
    expect(r.code).toBe(1)
    expect(r.stdout).toBe("")
    expect(oneLine(r.stderr)).toHaveLength(1)
    expect(r.stderr).toMatch(
      /^subnet simulate: subnet buggy: validator\.score threw TypeError: Cannot read properties of undefined \(reading 'deeper'\) \(at [^()]*buggy\.mjs:4:\d+\)?\)\n$/,
    )
  })
})
