/**
 * The command line as effect/cli parses it from the declarations in commands/options.ts: "did you mean" for a typo,
 * typed values, and the habits of node's parseArgs that scripts may rely on (a repeated flag: the last one wins).
 */
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { commands } from "../commands/table.ts"
import { main } from "../main.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

const fixture = join(import.meta.dirname, "../../../mechanisms/test/fixtures/yuma/test_bonds.json")

afterEach(() => {
  delete process.env["SUBNET_JSON"]
})

describe("did you mean", () => {
  it("error: a mistyped command or option names the closest one", async () => {
    expect(await run("simulat")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "subnet simulat: unknown command \"simulat\" (did you mean \"simulate\"?). Run \"subnet --help\" for the list.\n",
    })
    expect(await run("simulate", "--jsn")).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "subnet simulate: unknown option --jsn (did you mean --json?). Run \"subnet simulate --help\" for its options.\n",
    })
  })
})

describe("values", () => {
  it("args: a repeated flag means its last value", async () => {
    const doc = JSON.parse((await run("epoch", fixture, "--mechanism", "mean", "--mechanism", "wta")).stdout)
    expect(doc.mechanism).toBe("wta")
  })

  it("args: a boolean flag takes an explicit value, which wins over SUBNET_<OPTION>", async () => {
    process.env["SUBNET_JSON"] = "1"
    const fromEnv = await run("simulate", "--epochs", "1")
    expect(JSON.parse(fromEnv.stdout).epochs).toBe(1)
    const off = await run("simulate", "--epochs", "1", "--json", "false")
    expect(off.code).toBe(0)
    expect(off.stdout).toMatch(/^Subnet arithmetic/)
  })

  it("args: --help prints the command's own text, and --version is no flag of this CLI", async () => {
    const help = await run("epoch", "--help")
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: subnet epoch <file.json> \[--mechanism <name>\]\n/)
    expect(await run("epoch", "--version")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown option --version/),
    })
  })
})

describe("help", () => {
  it("behavior: every option a command declares is in its --help (miner and validator share one declaration)", async () => {
    const undocumented: Array<string> = []
    for (const [name, spec] of Object.entries(commands)) {
      const text = name === "miner" || name === "validator"
        ? (await commands.miner.help("miner")) + (await commands.validator.help("validator"))
        : await spec.help(name)
      for (const option of Object.keys(spec.options)) {
        if (!text.includes(`--${option}`)) undocumented.push(`${name} --${option}`)
      }
    }
    expect(undocumented).toEqual([])
  })
})
