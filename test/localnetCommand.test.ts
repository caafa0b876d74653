import { Chain, RemoteChain, signerLayer } from "@subnetkit/core"
import { Effect, Layer } from "effect"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { describe, expect, it } from "vitest"
import { bin } from "./processes.ts"

describe("subnet localnet (a real process)", () => {
  it("behavior: serves a chain with preset neurons, produces blocks, stops on SIGTERM with its state saved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "localnet-cli-"))
    const state = join(dir, "chain.json")
    const child = spawn(process.execPath, [
      bin,
      "localnet",
      "--port",
      "0",
      "--block-time",
      "0.1",
      "--state",
      state,
      "--preset",
      "2,3",
    ], {
      stdio: ["ignore", "pipe", "pipe"],
    })
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string]
      const ready = JSON.parse(line)
      expect(ready.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/)
      // Reported, not bounded here: a wall-clock bound fails on a busy machine (the start-up time is a benchmark's job).
      expect(ready.startupMs).toBeGreaterThanOrEqual(0)
      expect(ready.wallets.map((w: { role: string }) => w.role)).toEqual([
        "validator",
        "validator",
        "miner",
        "miner",
        "miner",
      ])
      expect(existsSync(join(dir, "wallets", "localnet-miner-3", "hotkeys", "default"))).toBe(true)
      const { neurons, later } = await Effect.runPromise(
        Effect.gen(function*() {
          const chain = yield* Chain
          const first = yield* chain.currentBlock
          const later = yield* chain.waitForBlock(first + 3)
          return { neurons: (yield* chain.subnetState(ready.netuid)).neurons, later: later - first }
        }).pipe(Effect.provide(RemoteChain.layer({ url: ready.url }).pipe(Layer.provide(signerLayer([]))))),
      )
      expect(neurons.map((n) => n.hotkey).slice(1)).toEqual(ready.wallets.map((w: { hotkey: string }) => w.hotkey))
      expect(neurons[1]!.stakeRao).toBe(1000_000_000_000n)
      expect(later).toBeGreaterThanOrEqual(3)
      child.kill("SIGTERM")
      const [code] = await once(child, "exit")
      expect(code).toBe(0)
      expect(existsSync(state)).toBe(true)
    } finally {
      child.kill("SIGKILL")
    }
  })
})
