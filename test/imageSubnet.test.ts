/**
 * The image subnet as real processes on a localnet: one validator and three miners — honest (a spy that records what
 * its Axon handed it, then answers with the bundled classifier), constant and silent. The honest miner is paid, the
 * other two next to nothing, and no label reached a miner. Then `subnet simulate` runs the shipped scenario by path,
 * and (in process) with the subnet's settings from `--set`, a `--config` file and SUBNET_IMAGE_*.
 */
import { seededRandom } from "@subnetkit/core"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { main } from "../packages/cli/src/main.ts"
import { generateImage } from "../subnets/image/src/index.ts"
import { until } from "./chainWatch.ts"
import { exited, killAll, startLocalnet, stop, subnet } from "./processes.ts"

afterAll(killAll)

const LABELS = ["circle", "square", "triangle", "cross"]

describe("subnets/image as real processes", () => {
  it("behavior: one validator, three miners (honest, constant, silent) — the honest one is paid, no label reaches a miner", async () => {
    const { dir, wallets, chain, url, netuid } = await startLocalnet("1,3")
    const spyFile = join(dir, "bodies.jsonl")
    const common = ["--wallets", wallets, "--chain", url]
    const subnets = ["test/fixtures/spyImage.ts", "test/fixtures/constantImage.ts", "test/fixtures/silentImage.ts"]
    const miners = subnets.map((s, i) =>
      subnet(["miner", "--subnet", s, ...common, "--wallet", `localnet-miner-${i + 1}`], { SUBNET_SPY_FILE: spyFile })
    )
    await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
    const validator = subnet([
      "validator",
      "--subnet",
      "subnets/image/src/index.ts",
      ...common,
      "--wallet",
      "localnet-validator-1",
      "--timeout-ms",
      "2000",
    ])
    await validator.waitFor(/validator\.started/)
    // uid 0 is the owner, 1 the validator, 2–4 the miners (honest spy, constant, silent). Each step waits out the
    // silent miner's timeout, so the timeout is short; the tiny model answers in milliseconds.
    const bodiesSeen = () => (existsSync(spyFile) ? readFileSync(spyFile, "utf8").trim().split("\n").length : 0)
    const paid = await until(
      url,
      netuid,
      "20 images seen, the honest miner paid, constant and silent below a tenth of it",
      (s) => {
        const [honest, constant, silent] = [2, 3, 4].map((u) => s.neurons[u]!.incentive)
        return bodiesSeen() >= 20 && honest! > 0 && constant! < 0.1 * honest! && silent! < 0.1 * honest!
      },
      240_000,
    )
    expect(paid.neurons[2]!.incentive).toBeGreaterThan(0.8)
    for (const p of [validator, ...miners, chain]) expect(await stop(p)).toBe(0)

    const bodies = readFileSync(spyFile, "utf8").trim().split("\n").map((l) => JSON.parse(l))
    expect(bodies.length).toBeGreaterThanOrEqual(20)
    expect(new Set(bodies.map((b) => b.sha256)).size).toBe(bodies.length) // a fresh image every task
    for (const b of bodies) {
      expect(b.keys).toEqual(["format", "image"])
      expect(["jpeg", "png", "webp"]).toContain(b.rest.format)
      expect(b.bytes).toBeGreaterThan(100)
      expect(b.labelInBytes).toEqual([])
      for (const label of LABELS) expect(JSON.stringify(b.rest)).not.toContain(label)
    }
  })

  it("behavior: subnet simulate runs the shipped scenario by path; honest miners lead", async () => {
    const run = subnet(["simulate", "--scenario", "subnets/image/scenario.json", "--epochs", "8", "--json"])
    const result = JSON.parse(await run.waitFor(/^\{"scenario"/, 280_000))
    expect(await exited(run)).toBe(0)
    const profile = (name: string) => result.profiles.find((p: { name: string }) => p.name === name)
    expect(profile("honest").rank).toBe(1)
    for (const cheat of ["constant", "random", "lookup"]) {
      expect(profile(cheat).perHotkeyTao).toBeLessThan(0.2 * profile("honest").perHotkeyTao)
    }
  })
})

describe("subnets/image settings through the CLI (in process)", () => {
  async function run(...argv: Array<string>) {
    let stdout = ""
    let stderr = ""
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
    return { code, stdout, stderr }
  }
  const simulate = ["simulate", "--scenario", "subnets/image/scenario.json", "--epochs", "2", "--json"]
  type Answers = Record<string, { meanReward: number; meanParts: Record<string, number> }>
  const answers = (stdout: string) => JSON.parse(stdout).answers as Answers

  it("behavior: --set folder and a config file's labelMap reach the validator and the miners", async () => {
    const dir = mkdtempSync(join(tmpdir(), "image-cli-settings-"))
    const random = seededRandom(5)
    for (const label of ["blue", "red"]) {
      const image = await generateImage(random)
      mkdirSync(join(dir, label))
      writeFileSync(join(dir, label, `0.${image.format}`), image.image)
    }
    const shipped = await run(...simulate)
    expect(shipped.code).toBe(0)
    expect(answers(shipped.stdout)["honest"]!.meanParts["classes"]).toBe(4)
    // The validator asks for blue or red; the bundled model answers shapes, never right.
    const folder = await run(...simulate, "--set", `folder=${dir}`)
    expect(folder.code).toBe(0)
    expect(answers(folder.stdout)["honest"]).toMatchObject({
      meanReward: 0,
      meanParts: { classes: 2, predictedClass: -1 },
    })
    // Every shape mapped to "red" (class 1 of blue, red): the miners answer red whatever they see.
    writeFileSync(
      join(dir, "map.json"),
      JSON.stringify({ circle: "red", square: "red", triangle: "red", cross: "red" }),
    )
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify({ subnet: { folder: dir, labelMap: `@${join(dir, "map.json")}` } }),
    )
    const mapped = await run(...simulate, "--config", join(dir, "c.json"))
    expect(mapped.code).toBe(0)
    expect(answers(mapped.stdout)["honest"]!.meanParts).toMatchObject({ classes: 2, predictedClass: 1 })
  }, 200_000)

  it("error: a bad setting from --set, the environment or a folder that is not there is named, and nothing runs", async () => {
    expect(await run(...simulate, "--set", "augmentation=2")).toMatchObject({
      code: 2,
      stderr: "subnet simulate: subnet image configuration, --set augmentation: Expected a value between 0 and 1\n",
    })
    process.env["SUBNET_IMAGE_DTYPE"] = "fp64"
    try {
      const bad = await run(...simulate)
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(
        /^subnet simulate: subnet image configuration, SUBNET_IMAGE_DTYPE: Expected "fp32" \| "fp16"/,
      )
    } finally {
      delete process.env["SUBNET_IMAGE_DTYPE"]
    }
    const missing = await run(...simulate, "--set", "folder=/no/such/images")
    expect(missing.code).not.toBe(0)
    expect(missing.stdout).toBe("")
    expect(missing.stderr).toMatch(
      /subnet image configuration, setting folder: Cannot use \/no\/such\/images as labelled images: ENOENT/,
    )
  })
})
