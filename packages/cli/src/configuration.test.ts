/**
 * One configuration for every command (issue 11): options from defaults < --config file < SUBNET_* environment <
 * flags, and a subnet's own settings from the file's "subnet" section, its environment prefix and --set.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { main } from "./main.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

/** A subnet with one setting: its miner adds `bias` to the sum, which the validator does not expect. */
function project() {
  const dir = mkdtempSync(join(tmpdir(), "subnet-config-"))
  const core = JSON.stringify(join(import.meta.dirname, "../../core/src/index.ts"))
  writeFileSync(
    join(dir, "biased.mjs"),
    `
    import { arithmetic, defineSubnet } from ${core}
    import { Effect, Schema } from "effect"
    export default defineSubnet({ ...arithmetic, name: "biased",
      config: { schema: Schema.Struct({ bias: Schema.Int }), defaults: { bias: 0 }, env: "SUBNET_BIASED" },
      miner: (task, ctx) => Effect.succeed({ sum: task.a + task.b + ctx.config.bias }) })`,
  )
  writeFileSync(
    join(dir, "s.json"),
    JSON.stringify({
      subnet: "./biased.mjs",
      mechanism: "yuma",
      epochs: 2,
      seed: 1,
      roundsPerEpoch: 1,
      sampleSize: 4,
      timeoutMs: 1000,
      serviceMs: 100,
      capacity: 4,
      hyperparameters: { tempo: 10, weightsRateLimit: 10 },
      miners: [{ name: "m", profile: "honest", count: 2 }],
      validators: [{ name: "v", profile: "honest", count: 1, stakeTao: 100 }],
    }),
  )
  return dir
}

const meanReward = (stdout: string) => JSON.parse(stdout).answers.m.meanReward as number

afterEach(() => {
  delete process.env["SUBNET_BIASED_BIAS"]
  delete process.env["SUBNET_EPOCHS"]
})

describe("configuration", () => {
  it("behavior: a subnet setting from its default, the config file, the environment and --set, in that order", async () => {
    const dir = project()
    const scenario = join(dir, "s.json")
    expect(meanReward((await run("simulate", "--scenario", scenario, "--json")).stdout)).toBe(1)
    writeFileSync(join(dir, "c.json"), JSON.stringify({ subnet: { bias: 1 } }))
    expect(
      meanReward((await run("simulate", "--scenario", scenario, "--json", "--config", join(dir, "c.json"))).stdout),
    ).toBe(0)
    process.env["SUBNET_BIASED_BIAS"] = "0"
    expect(
      meanReward((await run("simulate", "--scenario", scenario, "--json", "--config", join(dir, "c.json"))).stdout),
    ).toBe(1)
    expect(
      meanReward(
        (await run("simulate", "--scenario", scenario, "--json", "--config", join(dir, "c.json"), "--set", "bias=2"))
          .stdout,
      ),
    ).toBe(0)
  })

  it("behavior: command options from the file's section and SUBNET_<OPTION>, flags first", async () => {
    const dir = project()
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify({ simulate: { scenario: join(dir, "s.json"), epochs: 3, json: true } }),
    )
    const fromFile = await run("simulate", "--config", join(dir, "c.json"))
    expect(fromFile.code).toBe(0)
    expect(JSON.parse(fromFile.stdout).epochs).toBe(3)
    process.env["SUBNET_EPOCHS"] = "4"
    expect(JSON.parse((await run("simulate", "--config", join(dir, "c.json"))).stdout).epochs).toBe(4)
    expect(JSON.parse((await run("simulate", "--config", join(dir, "c.json"), "--epochs", "5")).stdout).epochs).toBe(5)
  })

  it("error: a bad setting or option names where it came from, exit 2", async () => {
    const dir = project()
    const scenario = join(dir, "s.json")
    expect(await run("simulate", "--scenario", scenario, "--set", "bias=lots")).toMatchObject({
      code: 2,
      stderr:
        "subnet simulate: subnet biased configuration, --set bias: Expected a string representing a finite number\n",
    })
    process.env["SUBNET_BIASED_BIAS"] = "1.5"
    expect((await run("simulate", "--scenario", scenario)).stderr).toMatch(
      /^subnet simulate: subnet biased configuration, SUBNET_BIASED_BIAS: /,
    )
    expect((await run("simulate", "--set", "x=1")).stderr).toBe(
      "subnet simulate: subnet arithmetic configuration, --set x: this subnet has no settings\n",
    )
    writeFileSync(join(dir, "c.json"), JSON.stringify({ simulate: { frobs: 1 } }))
    expect(await run("simulate", "--config", join(dir, "c.json"))).toMatchObject({
      code: 2,
      stderr: `subnet simulate: --config ${
        join(dir, "c.json")
      }: simulate.frobs is not an option of subnet simulate. Run "subnet simulate --help".\n`,
    })
    expect((await run("simulate", "--config", join(dir, "missing.json"))).stderr).toMatch(
      /--config .*missing\.json: no such file/,
    )
  })
})
