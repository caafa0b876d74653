/**
 * A subnet as separate processes on one machine: a localnet chain, 2 validators and 4 miners (3 honest, 1 wrong),
 * talking over real sockets on 127.0.0.1. Kills and restarts a validator and the chain during the run.
 */
import { Chain, RemoteChain } from "@subnetkit/core"
import { Effect } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { killAll, stop, subnet } from "./processes.ts"

afterAll(killAll)

const read = <A>(url: string, f: (chain: Chain["Service"]) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(Effect.gen(function*() {
    return yield* f(yield* Chain)
  }).pipe(Effect.provide(RemoteChain.layer({ url }))))

describe("a local network of real processes", () => {
  it("behavior: honest miners are paid, the wrong one is not; a restarted validator resumes, a restarted chain keeps its state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-e2e-"))
    const wallets = join(dir, "wallets")
    const state = join(dir, "chain.json")
    const chainArgs = ["localnet", "--port", "0", "--block-time", "0.1", "--tempo", "20", "--state", state, "--wallets", wallets]
    let chain = subnet([...chainArgs, "--preset", "2,4"])
    const ready = JSON.parse(await chain.waitFor(/"url"/))
    const url: string = ready.url
    const port = url.split(":").at(-1)!
    const common = ["--subnet", "arithmetic", "--wallets", wallets, "--chain", url]
    const miners = [1, 2, 3, 4].map((i) =>
      subnet(["miner", ...common, "--wallet", `localnet-miner-${i}`, ...(i === 4 ? ["--subnet", "test/fixtures/wrongArithmetic.ts"] : [])]))
    await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
    const validatorArgs = (i: number) => ["validator", ...common, "--wallet", `localnet-validator-${i}`, "--timeout-ms", "1000", "--sample", "8"]
    const validators = [1, 2].map((i) => subnet(validatorArgs(i)))
    await Promise.all(validators.map((v) => v.waitFor(/validator\.started/)))

    // Three tempos of 20 blocks at 0.1 s, with time for weights to be set first.
    await new Promise((r) => setTimeout(r, 9_000))

    // The higher-stake validator is killed and restarted: it resumes from its saved step.
    const before = validators[0]!.lines.filter((l) => l.includes("validator.step")).length
    validators[0]!.child.kill("SIGKILL")
    await new Promise((r) => validators[0]!.child.once("exit", r))
    validators[0] = subnet(validatorArgs(1))
    const restarted = JSON.parse(await validators[0].waitFor(/validator\.started/))
    expect(before).toBeGreaterThan(0)
    expect(restarted.step).toBeGreaterThanOrEqual(before)

    // The chain server is restarted: its state afterwards equals its state before.
    const snapshotBefore = await read(url, (c) => c.subnetState(ready.netuid))
    expect(await stop(chain)).toBe(0)
    chain = subnet([...chainArgs.map((a) => (a === "0" ? port : a))])
    await chain.waitFor(/"url"/)
    const snapshotAfter = await read(url, (c) => c.subnetState(ready.netuid))
    expect({ ...snapshotAfter, block: 0 }).toEqual({ ...snapshotBefore, block: 0 })

    await new Promise((r) => setTimeout(r, 4_000))
    const neurons = (await read(url, (c) => c.subnetState(ready.netuid))).neurons
    const honest = neurons.slice(3, 6).map((n) => n.incentive)
    for (const x of honest) {
      expect(x).toBeGreaterThan(0)
      expect(Math.abs(x / honest[0]! - 1)).toBeLessThan(0.05)
    }
    expect(neurons[6]!.incentive).toBe(0) // the wrong miner
    expect(neurons[1]!.dividends).toBeGreaterThan(neurons[2]!.dividends) // 1000 vs 900 TAO staked

    for (const p of [...validators, ...miners, chain]) expect(await stop(p)).toBe(0)
  }, 120_000)
})
