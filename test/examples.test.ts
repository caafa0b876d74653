/**
 * The example subnets of the two richer shapes as real processes on a localnet, and through `subnet simulate`:
 * `labels` (hidden truth: the test reads every body that reached a miner) and `kv` (stateful rounds: its validator
 * is SIGKILLed mid-run and restarts with a state that decodes and every stored value recorded).
 */
import { KvState, ValidatorState } from "@subnetkit/core"
import { Schema } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { until } from "./chainWatch.ts"
import { exited, killAll, startLocalnet, stop, subnet } from "./processes.ts"

afterAll(killAll)

describe("example subnets as real processes", () => {
  it("behavior: labels — no truth in any body that reached a miner; honest miners paid, a constant one next to nothing", async () => {
    const net = await startLocalnet("1,3")
    const spyFile = join(net.dir, "bodies.jsonl")
    const common = ["--wallets", net.wallets, "--chain", net.url]
    const subnets = ["test/fixtures/spyLabels.ts", "labels", "test/fixtures/constantLabels.ts"]
    const miners = subnets.map((s, i) =>
      subnet(["miner", "--subnet", s, ...common, "--wallet", `localnet-miner-${i + 1}`], { SUBNET_SPY_FILE: spyFile })
    )
    await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
    const validator = subnet([
      "validator",
      "--subnet",
      "labels",
      ...common,
      "--wallet",
      "localnet-validator-1",
      "--timeout-ms",
      "500",
    ])
    await validator.waitFor(/validator\.started/)
    // uid 0 is the owner, 1 the validator, 2–4 the miners (spy, honest, constant).
    const bodiesSeen = () => (existsSync(spyFile) ? readFileSync(spyFile, "utf8").trim().split("\n").length : 0)
    const paid = await until(
      net.url,
      net.netuid,
      "40 tasks seen, honest miners paid, the constant one below a tenth of them",
      (s) => {
        const [spy, honest, constant] = [2, 3, 4].map((u) => s.neurons[u]!.incentive)
        return bodiesSeen() >= 40 && spy! > 0 && honest! > 0 && constant! < 0.1 * Math.min(spy!, honest!)
      },
    )
    expect(paid.neurons[2]!.incentive).toBeGreaterThan(0)
    for (const p of [validator, ...miners, net.chain]) expect(await stop(p)).toBe(0)

    const bodies = readFileSync(spyFile, "utf8").trim().split("\n")
    expect(bodies.length).toBeGreaterThanOrEqual(40)
    for (const line of bodies) {
      expect(Object.keys(JSON.parse(line))).toEqual(["series"])
      for (const label of ["rising", "falling", "flat"]) expect(line).not.toContain(label)
    }
  })

  it("behavior: kv — a validator SIGKILLed mid-run restarts from a state that decodes, with every stored value recorded", async () => {
    const net = await startLocalnet("1,3")
    const common = ["--subnet", "kv", "--wallets", net.wallets, "--chain", net.url]
    const dataDir = (i: number) => join(net.dir, "data", `miner-${i}`)
    const miners = [1, 2, 3].map((i) =>
      subnet(["miner", ...common, "--wallet", `localnet-miner-${i}`, "--data-dir", dataDir(i)])
    )
    await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
    const stateFile = join(net.dir, "validator.json")
    const validatorArgs = [
      "validator",
      ...common,
      "--wallet",
      "localnet-validator-1",
      "--timeout-ms",
      "500",
      "--state",
      stateFile,
    ]
    let validator = subnet(validatorArgs)
    let step: number = JSON.parse(await validator.waitFor(/validator\.started/)).step

    // Killed right after a step, while the next round's puts and gets are in flight, three times.
    for (let kill = 0; kill < 3; kill++) {
      await validator.waitFor(new RegExp(`"step":${step + 2},`))
      validator.child.kill("SIGKILL")
      await new Promise((r) => validator.child.once("exit", r))
      validator = subnet(validatorArgs)
      const restarted: number = JSON.parse(await validator.waitFor(/validator\.started/)).step
      expect(restarted).toBeGreaterThanOrEqual(step + 2)
      step = restarted
    }
    await until(net.url, net.netuid, "every kv miner paid", (s) => [2, 3, 4].every((u) => s.neurons[u]!.incentive > 0))
    for (const p of [validator, ...miners, net.chain]) expect(await stop(p)).toBe(0)

    const state = Schema.decodeUnknownSync(Schema.fromJsonString(ValidatorState))(readFileSync(stateFile, "utf8"))
    const placements = Schema.decodeUnknownSync(KvState)(state.subnet).placements
    const recorded = new Set(placements.map((p) => p.key))
    const stored = [1, 2, 3].flatMap((
      i,
    ) => (existsSync(dataDir(i)) ? readdirSync(dataDir(i)).filter((f) => !f.startsWith(".")) : []))
    expect(stored.length).toBeGreaterThan(3)
    for (const key of stored) {
      expect(recorded.has(key), `${key} is stored by a miner but not in the validator's state`).toBe(true)
    }
  })

  it("behavior: subnet simulate runs the shipped labels and kv scenarios", async () => {
    for (const name of ["labels", "kv"]) {
      const run = subnet([
        "simulate",
        "--scenario",
        `packages/core/src/examples/${name}.scenario.json`,
        "--epochs",
        "5",
        "--json",
      ])
      const result = JSON.parse(await run.waitFor(/^\{"scenario"/))
      expect(await exited(run)).toBe(0)
      const share = (group: string) => result.profiles.find((p: { name: string }) => p.name === group).emissionShare
      expect(share("honest")).toBeGreaterThan(name === "labels" ? 0.9 : 0.8)
    }
  })
})
