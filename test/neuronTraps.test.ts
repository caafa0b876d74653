/**
 * `subnet miner` / `subnet validator` as processes, where a newcomer trips: an unregistered hotkey (one line naming
 * the fix, exit 2) and a chain that is down (a visible "waiting for the chain" line, with backoff, as JSON on stderr).
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { exited, killAll, stop, subnet } from "./processes.ts"

afterAll(killAll)

describe("neuron processes", () => {
  it("error: an unregistered hotkey without --register exits 2 with one line naming the fix", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-traps-"))
    const wallets = join(dir, "wallets")
    const chain = subnet([
      "localnet",
      "--port",
      "0",
      "--block-time",
      "0.1",
      "--state",
      join(dir, "chain.json"),
      "--wallets",
      wallets,
      "--preset",
      "1,1",
    ])
    const { url } = JSON.parse(await chain.waitFor(/"url"/))
    expect(await exited(subnet(["wallet", "create", "--name", "newbie", "--no-password", "--path", wallets]))).toBe(0)
    for (const role of ["miner", "validator"]) {
      const neuron = subnet([
        role,
        "--subnet",
        "arithmetic",
        "--wallet",
        "newbie",
        "--wallets",
        wallets,
        "--chain",
        url,
      ])
      expect(await exited(neuron)).toBe(2)
      expect(neuron.lines).toHaveLength(1)
      expect(neuron.lines[0]).toMatch(
        new RegExp(
          `^subnet ${role}: hotkey default \\(5\\w+\\) of wallet newbie is not registered on subnet 1: run again with --register to register it`,
        ),
      )
    }
    expect(await stop(chain)).toBe(0)
  })

  it("behavior: with the chain down a miner says it is waiting for the chain, with growing delays, as JSON on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-traps-"))
    expect(await exited(subnet(["wallet", "create", "--name", "m", "--no-password", "--path", dir]))).toBe(0)
    const miner = subnet([
      "miner",
      "--subnet",
      "arithmetic",
      "--wallet",
      "m",
      "--wallets",
      dir,
      "--chain",
      "ws://127.0.0.1:9",
    ])
    await miner.waitFor(/"attempt":2/)
    const waits = miner.lines.filter((l) => l.includes("chain.waiting")).map((l) => JSON.parse(l))
    expect(waits.map((w) => w.message)).toEqual([
      "waiting for the chain at ws://127.0.0.1:9: retry in 1 s",
      "waiting for the chain at ws://127.0.0.1:9: retry in 2 s",
    ])
    expect(waits.every((w) => w.level === "warn")).toBe(true)
    expect(await stop(miner)).toBe(0)
  })
})
