/**
 * A subnet as separate processes on one machine: a localnet chain, 2 validators and 6 miners (4 honest, 1 wrong,
 * 1 silent), talking over real sockets on 127.0.0.1. Kills and restarts a miner, the higher-stake validator and the
 * chain during the run.
 */
import type { SubnetSnapshot } from "@subnetkit/core"
import { keypairFromUri, keysReady } from "@subnetkit/core"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { read, until } from "./chainWatch.ts"
import { killAll, stop, subnet } from "./processes.ts"

afterAll(killAll)

/** Block at which both validators (uids 1, 2) have weights on chain, or undefined. */
const bothWeighted = (
  s: SubnetSnapshot,
) => (s.neurons[1]!.weights.length > 0 && s.neurons[2]!.weights.length > 0
  ? Math.max(s.neurons[1]!.lastUpdate, s.neurons[2]!.lastUpdate)
  : undefined)

/** The end state the test checks: honest miners paid alike, the wrong and silent ones nothing, dividends by stake. */
const settled = (s: SubnetSnapshot) => {
  const honest = s.neurons.slice(3, 7).map((n) => n.incentive)
  const ratio = s.neurons[1]!.dividends / s.neurons[2]!.dividends / (1000 / 900)
  return honest.every((x) => x > 0 && Math.abs(x / honest[0]! - 1) < 0.05) && s.neurons[7]!.incentive === 0 &&
    s.neurons[8]!.incentive === 0 && Math.abs(ratio - 1) < 0.05
}

describe("a local network of real processes", () => {
  it(
    "behavior: honest miners are paid, the wrong one is not; a restarted validator resumes, a restarted chain keeps its state",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "subnet-e2e-"))
      const wallets = join(dir, "wallets")
      const state = join(dir, "chain.json")
      const chainArgs = [
        "localnet",
        "--port",
        "0",
        "--block-time",
        "0.1",
        "--tempo",
        "20",
        "--state",
        state,
        "--wallets",
        wallets,
      ]
      let chain = subnet([...chainArgs, "--preset", "2,6"])
      const ready = JSON.parse(await chain.waitFor(/"url"/))
      const url: string = ready.url
      const port = url.split(":").at(-1)!
      const common = ["--subnet", "arithmetic", "--wallets", wallets, "--chain", url]
      // Faster bond EMA (rate 0.5 instead of 0.1): validators that start weighting a few blocks apart converge to
      // bonds in proportion to stake within a few epochs rather than twenty.
      await Effect.runPromise(keysReady)
      await read(
        url,
        (c) => c.setHyperparameters(ready.netuid, keypairFromUri("//Alice").address, { bondsMovingAverage: 500_000 }),
      )
      const behaviour: Record<number, Array<string>> = {
        5: ["--subnet", "test/fixtures/wrongArithmetic.ts"],
        6: ["--subnet", "test/fixtures/silentArithmetic.ts"],
      }
      const minerArgs = (i: number) => [
        "miner",
        ...common,
        "--wallet",
        `localnet-miner-${i}`,
        ...(behaviour[i] ?? []),
        ...(i === 1 ? ["--metrics-port", "0"] : []),
      ]
      const miners = [1, 2, 3, 4, 5, 6].map((i) => subnet(minerArgs(i)))
      await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
      const validatorArgs = (i: number) => [
        "validator",
        ...common,
        "--wallet",
        `localnet-validator-${i}`,
        "--timeout-ms",
        "150",
        "--sample",
        "8",
      ]
      const validators = [1, 2].map((i) => subnet(validatorArgs(i)))
      await Promise.all(validators.map((v) => v.waitFor(/validator\.started/)))

      // Both validators set weights, then two epochs (every tempo + 1 = 21 blocks) run with them: honest miners are paid.
      const weighted = await until(
        url,
        ready.netuid,
        "weights from both validators",
        (s) => bothWeighted(s) !== undefined,
      )
      const epochsFrom = bothWeighted(weighted)! + 2 * (weighted.tempo + 1)
      await until(
        url,
        ready.netuid,
        "two epochs after both validators' weights",
        (s) => s.block >= epochsFrom && s.neurons[3]!.incentive > 0,
      )

      // Validator steps log each sampled miner's reward, as JSON on stderr.
      const step = JSON.parse(validators[1]!.lines.find((l) => l.includes("\"validator.step\""))!)
      expect(Object.values(step.rewards).length).toBe(step.answers)
      expect(Object.values(step.rewards).every((r) => typeof r === "number" && r >= 0 && r <= 1)).toBe(true)

      // A miner is killed and restarted: it serves again (on a new port, announced on chain).
      miners[1]!.child.kill("SIGKILL")
      await new Promise((r) => miners[1]!.child.once("exit", r))
      miners[1] = subnet(minerArgs(2))
      await miners[1].waitFor(/miner\.serving/)

      // The higher-stake validator is killed and restarted: it resumes from its saved step.
      const before = validators[0]!.lines.filter((l) => l.includes("validator.step")).length
      validators[0]!.child.kill("SIGKILL")
      await new Promise((r) => validators[0]!.child.once("exit", r))
      validators[0] = subnet(validatorArgs(1))
      const restarted = JSON.parse(await validators[0].waitFor(/validator\.started/))
      expect(before).toBeGreaterThan(0)
      expect(restarted.step).toBeGreaterThanOrEqual(before)

      // The chain server is restarted: the state it resumes is exactly the state it had when it stopped.
      expect(await stop(chain)).toBe(0)
      const savedDigest = createHash("sha256").update(readFileSync(state, "utf8")).digest("hex")
      chain = subnet([...chainArgs.map((a) => (a === "0" ? port : a))])
      const resumed = JSON.parse(await chain.waitFor(/"url"/))
      expect(resumed.loadedDigest).toBe(savedDigest)
      expect(resumed.block).toBeGreaterThan(ready.block)

      // Let scores and bonds settle after the restarts: the restarted miner missed queries while it was down, and its
      // score climbs back by the scoreboard's EMA (about 100 steps here) while bonds follow within a few epochs. Wait
      // for at least one epoch on the restarted chain, then until the state the assertions below check.
      await until(url, ready.netuid, "one epoch after the chain restart", (s) => s.block >= resumed.block + s.tempo + 1)
      const neurons = (await until(url, ready.netuid, "honest miners paid alike, dividends by stake", settled)).neurons
      const honest = neurons.slice(3, 7).map((n) => n.incentive)
      for (const x of honest) {
        expect(x).toBeGreaterThan(0)
        expect(Math.abs(x / honest[0]! - 1)).toBeLessThan(0.05)
      }
      expect(neurons[7]!.incentive).toBe(0) // the wrong miner
      expect(neurons[8]!.incentive).toBe(0) // the silent miner
      const ratio = neurons[1]!.dividends / neurons[2]!.dividends / (1000 / 900)
      expect(Math.abs(ratio - 1), `dividends ${neurons[1]!.dividends} / ${neurons[2]!.dividends}`).toBeLessThan(0.05) // by stake

      // Prometheus metrics of the first miner count the requests it answered.
      const metricsUrl = JSON.parse(await miners[0]!.waitFor(/metrics\.serving/)).url
      const metrics = await (await fetch(metricsUrl)).text()
      expect(metrics).toMatch(/# TYPE subnetkit_axon_requests_total counter/)
      expect(Number(/subnetkit_axon_requests_total\{status="200"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(10)

      // An external client: the top 2 miners answer a signed query.
      const answered = subnet([
        "query",
        ...common,
        "--wallet",
        "localnet-validator-2",
        "--input",
        "{\"a\":2,\"b\":3}",
        "--top",
        "2",
        "--json",
      ])
      const { answers } = JSON.parse(await answered.waitFor(/"answers"/))
      expect(answers.map((a: { status: string; response: unknown }) => [a.status, a.response])).toEqual([
        ["ok", { sum: 5 }],
        ["ok", { sum: 5 }],
      ])

      for (const p of [...validators, ...miners, chain]) expect(await stop(p)).toBe(0)
    },
    600_000,
  )
})
