/**
 * The image subnet as real processes on a localnet: one validator and three miners — honest (a spy that records what
 * its Axon handed it, then answers with the bundled classifier), constant and silent. The honest miner is paid, the
 * other two next to nothing, and no label reached a miner. Then `subnet simulate` runs the shipped scenario by path.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
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
    const miners = subnets.map((s, i) => subnet(["miner", "--subnet", s, ...common, "--wallet", `localnet-miner-${i + 1}`], { SUBNET_SPY_FILE: spyFile }))
    await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
    const validator = subnet(["validator", "--subnet", "subnets/image/src/index.ts", ...common, "--wallet", "localnet-validator-1", "--timeout-ms", "2000"])
    await validator.waitFor(/validator\.started/)
    // uid 0 is the owner, 1 the validator, 2–4 the miners (honest spy, constant, silent). Each step waits out the
    // silent miner's timeout, so the timeout is short; the tiny model answers in milliseconds.
    const bodiesSeen = () => (existsSync(spyFile) ? readFileSync(spyFile, "utf8").trim().split("\n").length : 0)
    const paid = await until(url, netuid, "20 images seen, the honest miner paid, constant and silent below a tenth of it", (s) => {
      const [honest, constant, silent] = [2, 3, 4].map((u) => s.neurons[u]!.incentive)
      return bodiesSeen() >= 20 && honest! > 0 && constant! < 0.1 * honest! && silent! < 0.1 * honest!
    }, 240_000)
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
    for (const cheat of ["constant", "random", "lookup"]) expect(profile(cheat).perHotkeyTao).toBeLessThan(0.2 * profile("honest").perHotkeyTao)
  })
})
