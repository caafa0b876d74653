import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { main } from "./main.ts"

const fixtures = join(import.meta.dirname, "../../mechanisms/test/fixtures/yuma")

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

function tempFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "subnet-cli-")), "in.json")
  writeFileSync(file, content)
  return file
}

describe("subnet epoch", () => {
  it("behavior: prints the runtime's outputs for every epoch, ignoring the file's out", async () => {
    const { code, stdout, stderr } = await run("epoch", join(fixtures, "test_bonds.json"))
    expect(code).toBe(0)
    expect(stderr).toBe("")
    const doc = JSON.parse(stdout)
    expect(doc.scenario).toBe("test_bonds")
    expect(doc.epochs).toHaveLength(8)
    expect(doc.epochs[2].out.E_val).toEqual([44998351, 101110561, 151667215, 202223870, 0, 0, 0, 0])
    expect(doc.epochs[7].out.bonds[0]).toEqual([[4, 12599], [5, 12599], [6, 12599], [7, 8376]])
    expect(Object.keys(doc.epochs[0].out)).toEqual(["permits", "C", "VT", "I", "D", "E_srv", "E_val", "E", "bonds"])
  })

  it("behavior: a wrong `out` in the input changes nothing", async () => {
    const fixture = JSON.parse(
      await import("node:fs").then((fs) => fs.readFileSync(join(fixtures, "test_zero_weights.json"), "utf8")),
    )
    const expected = (await run("epoch", join(fixtures, "test_zero_weights.json"))).stdout
    for (const e of fixture.epochs) e.out = { garbage: true }
    expect((await run("epoch", tempFile(JSON.stringify(fixture)))).stdout).toBe(expected)
  })

  it("error: invalid input exits 2 with one line naming the field", async () => {
    const fixture = JSON.parse(
      await import("node:fs").then((fs) => fs.readFileSync(join(fixtures, "test_10_graph.json"), "utf8")),
    )
    fixture.epochs[0].weights[3] = [[12, 65535]]
    const { code, stdout, stderr } = await run("epoch", tempFile(JSON.stringify(fixture)))
    expect(code).toBe(2)
    expect(stdout).toBe("")
    expect(stderr).toBe("subnet epoch: epochs[0].weights[3][0][0]: uid 12 is out of range (n = 10)\n")
  })

  it("error: missing file, bad JSON, bad usage", async () => {
    expect(await run("epoch", "/no/such.json")).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet epoch: cannot read /no/such.json: no such file\n",
    })
    expect((await run("epoch", tempFile("{\"scenario\":"))).stderr).toMatch(/^subnet epoch: .*in\.json: not valid JSON/)
    expect((await run("epoch")).code).toBe(2)
    expect((await run("epoch", "a", "b")).code).toBe(2)
    expect((await run("epoch", join(fixtures, "test_bonds.json"), "--mechanism", "nope")).stderr).toMatch(
      /unknown mechanism "nope"/,
    )
    expect(await run("frobnicate")).toMatchObject({
      code: 2,
      stderr: "subnet frobnicate: unknown command \"frobnicate\". Run \"subnet --help\" for the list.\n",
    })
  })

  it("args: --mechanism yuma3 picks the rule and keeps the file's hyperparameters (kappa, bonds, liquid alpha)", async () => {
    for (const file of ["test_yuma_3_kappa_moves_first.json", "test_yuma_3_stable_miner.json"]) {
      const asFile = JSON.parse((await run("epoch", join(fixtures, file))).stdout)
      const picked = JSON.parse((await run("epoch", join(fixtures, file), "--mechanism", "yuma3")).stdout)
      expect(picked.epochs, file).toEqual(asFile.epochs)
    }
  })

  it("args: --mechanism runs an alternative on the same inputs", async () => {
    const doc = JSON.parse((await run("epoch", join(fixtures, "test_bonds.json"), "--mechanism", "wta")).stdout)
    expect(doc.mechanism).toBe("wta")
    expect(doc.epochs[1].out.I).toEqual([0, 0, 0, 0, 0, 0, 0, 65535])
  })
})

describe("subnet emission", () => {
  it("behavior: the table names every halving and the cap", async () => {
    const { code, stdout } = await run("emission")
    expect(code).toBe(0)
    const lines = stdout.split("\n")
    expect(lines[0]).toMatch(/^halving\s+issuance \(TAO\)\s+block reward \(TAO\)\s+blocks in era\s+starts/)
    expect(lines[3]).toMatch(/^1\s+10,500,000\s+0\.5\s+10,500,000\s+3\.99$/)
    expect(stdout).toContain("15,750,000")
  })

  it("args: --json prints exact rao", async () => {
    const doc = JSON.parse((await run("emission", "--json")).stdout)
    expect(doc.halvings[2]).toMatchObject({ halving: 2, issuanceRao: 15750000000000000, blockEmissionRao: 250000000 })
  })

  it("args: --block-seconds must be positive", async () => {
    expect((await run("emission", "--block-seconds", "0")).code).toBe(2)
    expect(JSON.parse((await run("emission", "--json", "--block-seconds", "6")).stdout).halvings[1].startYear)
      .toBeCloseTo(2.0, 1)
  })
})

describe("subnet simulate", () => {
  it("behavior: user modules named by path — a mechanism and a miner profile — are loaded relative to the scenario", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-sim-"))
    // A mechanism that pays miner uid 9 everything: the run must show it did.
    writeFileSync(
      join(dir, "favourite.mjs"),
      `
      import { winnerTakeAll } from ${JSON.stringify(join(import.meta.dirname, "../../mechanisms/src/index.ts"))}
      const wta = winnerTakeAll()
      export default { name: "favourite", description: "uid 9 wins", epoch: (input) => {
        const weights = input.weights.map((row) => (Array.isArray(row) && row.length > 0 ? [[9, 65535]] : row))
        return wta.epoch({ ...input, weights })
      } }`,
    )
    writeFileSync(
      join(dir, "mute.mjs"),
      `export default { name: "mute", description: "never answers", make: () => ({ online: () => false, answer: () => { throw new Error("unreachable") } }) }`,
    )
    const scenario = {
      subnet: "arithmetic",
      mechanism: "./favourite.mjs",
      epochs: 4,
      seed: 3,
      roundsPerEpoch: 1,
      sampleSize: 8,
      timeoutMs: 1000,
      serviceMs: 100,
      capacity: 4,
      hyperparameters: { tempo: 10, weightsRateLimit: 10, maxRegistrationsPerBlock: 20 },
      miners: [{ name: "honest", profile: "honest", count: 4 }, { name: "mute", profile: "./mute.mjs", count: 4 }],
      validators: [{ name: "v", profile: "honest", count: 2, stakeTao: 100 }],
    }
    writeFileSync(join(dir, "s.json"), JSON.stringify(scenario))
    const { code, stdout, stderr } = await run("simulate", "--scenario", join(dir, "s.json"), "--json")
    // Not a terminal: progress is a plain line per tenth of the run (here every epoch), nothing else.
    expect(stderr.trim().split("\n")).toEqual(
      [1, 2, 3, 4].map((e) => expect.stringMatching(new RegExp(`^simulating: ${e}/4 epochs, [\\d.]+ s elapsed`))),
    )
    expect(code).toBe(0)
    const result = JSON.parse(stdout)
    expect(result.mechanism).toBe("./favourite.mjs")
    // The mechanism pays uid 9 (a miner: owner 0, validators 1–2, miners 3–10 in a seeded order) everything.
    const paid = result.miners.filter((m: { emissionTao: number }) => m.emissionTao > 0)
    expect(paid).toHaveLength(1)
    expect(paid[0].emissionTao).toBe(result.totals.minersTao)
    expect(result.profiles.find((p: { name: string }) => p.name === "mute").emissionShare).toBe(0)
  })

  it("behavior: an answer that breaks the response schema shows the failing field in the reasons (table and JSON)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-sim-"))
    writeFileSync(
      join(dir, "s.json"),
      JSON.stringify({
        subnet: "arithmetic",
        mechanism: "yuma",
        epochs: 2,
        seed: 3,
        roundsPerEpoch: 1,
        sampleSize: 8,
        timeoutMs: 1000,
        serviceMs: 100,
        capacity: 4,
        hyperparameters: { tempo: 10, weightsRateLimit: 10, maxRegistrationsPerBlock: 20 },
        miners: [
          { name: "honest", profile: "honest", count: 2 },
          { name: "bad", profile: join(import.meta.dirname, "../../../test/fixtures/stringSumProfile.mjs"), count: 2 },
        ],
        validators: [{ name: "v", profile: "honest", count: 1, stakeTao: 100 }],
      }),
    )
    const why =
      `error: the handler's answer does not match subnet arithmetic's response schema: Expected number at ["sum"]`
    const json = JSON.parse((await run("simulate", "--scenario", join(dir, "s.json"), "--json")).stdout)
    expect(Object.keys(json.answers.bad.reasons)).toEqual([why])
    expect((await run("simulate", "--scenario", join(dir, "s.json"))).stdout).toContain(`${why} ×`)
  })

  it("behavior: --print-scenario writes module paths that resolve wherever the file is saved", async () => {
    const textScenario = join(import.meta.dirname, "../../../subnets/text/scenario.json")
    const printed = JSON.parse((await run("simulate", "--scenario", textScenario, "--print-scenario")).stdout)
    expect(printed.subnet).toBe(join(import.meta.dirname, "../../../subnets/text/src/index.ts"))
    expect(printed.miners.find((g: { name: string }) => g.name === "other-model").profile).toMatch(
      /^\/.*subnets\/text\/src\/profiles\//,
    )
    expect(printed.miners[0].profile).toBe("honest") // built-in names stay names
  })

  it("behavior: 10 malformed scenarios each exit 2 with one `path: reason` line and no stack trace", async () => {
    const base = JSON.parse((await run("simulate", "--print-scenario")).stdout)
    const cases: Array<readonly [string, (s: any) => void]> = [
      ["validators[0].stakeTao", (s) => (s.validators[0].stakeTao = 1e300)],
      ["validators[0].stakeTao", (s) => (s.validators[0].stakeTao = 1e-12)],
      ["miners[0].costTaoPerEpoch", (s) => (s.miners[0].costTaoPerEpoch = 1e308)],
      ["miners[0].count", (s) => (s.miners[0].count = 0)],
      ["miners[1].count", (s) => (s.miners[1].count = 2.5)],
      ["epochs", (s) => (s.epochs = 1e9)],
      ["seed", (s) => (s.seed = -1)],
      ["validators[1].costTaoPerEpoch", (s) => (s.validators[1].costTaoPerEpoch = "cheap")],
      ["hyperparameters.tempo", (s) => (s.hyperparameters.tempo = 0)],
      ["miners[2].colour", (s) => (s.miners[2].colour = "red")],
    ]
    for (const [path, spoil] of cases) {
      const scenario = structuredClone(base)
      spoil(scenario)
      const { code, stdout, stderr } = await run("simulate", "--scenario", tempFile(JSON.stringify(scenario)))
      expect(code, path).toBe(2)
      expect(stdout).toBe("")
      const escaped = path.replace(/[.[\]]/g, "\\$&")
      expect(stderr, path).toMatch(new RegExp(`^subnet simulate: ${escaped}: [a-z].*\n$`))
      expect(stderr).not.toMatch(/\bat .*\(|Infinity|SchemaError/)
    }
  })

  it("behavior: --json with --csv, a missing scenario file and a bad override exit 2 with one line", async () => {
    for (const argv of [
      ["--json", "--csv"],
      ["--scenario", "/nonexistent.json"],
      ["--epochs", "-3"],
      ["--scenario", tempFile("{ nope")],
    ]) {
      const { code, stdout, stderr } = await run("simulate", ...argv)
      expect(code, argv.join(" ")).toBe(2)
      expect(stdout).toBe("")
      expect(stderr.trim().split("\n")).toHaveLength(1)
    }
  })
})
