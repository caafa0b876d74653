/**
 * Starts `@acala-network/chopsticks` on 127.0.0.1 from a subtensor raw chain spec: its own process group (stopped as
 * a whole: chopsticks leaves workers behind when only its main process is killed), the dev accounts funded and
 * //Alice as sudo at genesis. Blocks: `Instant` (one per transaction; tests and tools build more with `dev_newBlock`)
 * or `Manual` plus a timer in the caller.
 */
import { keypairFromUri } from "@subnetkit/core"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { patchSpec } from "./patchSpec.ts"

export const DEV_ACCOUNTS = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]
const FUND_RAO = 1_000_000_000_000_000n // 1M TAO each

export interface ChopsticksOptions {
  readonly spec: string
  readonly port: number
  readonly mode: "Instant" | "Manual"
  /** Every line chopsticks prints (for a log or a test's failure message). */
  readonly onLine?: (line: string) => void
  /** Default 180 s: the wasm runtime compiles at start (20-30 s on a busy 2-core machine). */
  readonly startTimeoutMs?: number
}

export interface Chopsticks {
  readonly url: string
  readonly pid: number
  /** Stops the whole process group; resolves once the main process exited. */
  readonly stop: () => Promise<void>
}

/** The message when chopsticks is not installed: it is an optional dependency, only `localnet --chopsticks` needs it. */
export const CHOPSTICKS_MISSING =
  "@acala-network/chopsticks is not installed (an optional dependency: it needs Node >= 22 and serves only this flag): npm install --save-dev @acala-network/chopsticks@1.5.1"

/** The chopsticks package's bin. Its exports map hides the bin: it is next to the resolved entry (<root>/dist/cjs/). */
export function chopsticksBin(resolve: (id: string) => string = createRequire(import.meta.url).resolve): string {
  let entry: string
  try {
    entry = resolve("@acala-network/chopsticks")
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") throw new Error(CHOPSTICKS_MISSING)
    throw e
  }
  return join(dirname(entry), "..", "..", "chopsticks.cjs")
}

export async function startChopsticks(options: ChopsticksOptions): Promise<Chopsticks> {
  const bin = chopsticksBin()
  const text = await readFile(options.spec, "utf8")
  const dir = mkdtempSync(join(tmpdir(), "subnet-chopsticks-"))
  const genesis = join(dir, "spec.json")
  writeFileSync(genesis, patchSpec(text, options.spec))
  const fund = { providers: 1, data: { free: FUND_RAO.toString() } }
  const storage = {
    Sudo: { Key: keypairFromUri("//Alice").address },
    System: { Account: DEV_ACCOUNTS.map((name) => [[keypairFromUri(`//${name}`).address], fund]) },
  }
  writeFileSync(join(dir, "storage.json"), JSON.stringify(storage))
  const args = [
    bin,
    `--genesis=${genesis}`,
    "--host=127.0.0.1",
    `--port=${options.port}`,
    `--build-block-mode=${options.mode}`,
    `--import-storage=${join(dir, "storage.json")}`,
  ]
  // A small guard leads the process group: it runs chopsticks and takes the whole group down when its stdin closes,
  // i.e. when this process is gone, even by SIGKILL (no exit handler runs then).
  const guard =
    `const c = require("node:child_process").spawn(process.execPath, JSON.parse(process.argv[1]), { stdio: ["ignore", "inherit", "inherit"] });
process.stdin.on("end", () => { try { process.kill(-process.pid, "SIGKILL") } catch {} }).resume();
process.on("SIGTERM", () => c.kill("SIGTERM"));
c.on("exit", (code) => process.exit(code ?? 1));`
  const child = spawn(process.execPath, ["-e", guard, JSON.stringify(args)], {
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  })
  const pid = child.pid!
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal)
    } catch { /* already gone */ }
  }
  // A parent that exits without `stop` (an uncaught error) still takes the chain down with it.
  const onExit = () => killGroup("SIGKILL")
  process.on("exit", onExit)
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  const tail: Array<string> = []
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line.trim() === "") continue
        options.onLine?.(line)
        tail.push(line)
        if (tail.length > 20) tail.shift()
        if (/RPC listening on/.test(line)) resolve()
      }
    }
    child.stdout!.on("data", onData)
    child.stderr!.on("data", onData)
    void exited.then((code) => reject(new Error(`chopsticks exited (${code}) before it listened:\n${tail.join("\n")}`)))
    setTimeout(
      () =>
        reject(
          new Error(
            `chopsticks did not listen within ${(options.startTimeoutMs ?? 180_000) / 1000} s:\n${tail.join("\n")}`,
          ),
        ),
      options.startTimeoutMs ?? 180_000,
    ).unref()
  })
  const stop = async () => {
    killGroup("SIGTERM")
    const timer = setTimeout(() => killGroup("SIGKILL"), 5_000)
    await exited
    clearTimeout(timer)
    killGroup("SIGKILL") // workers that outlived the main process
    process.off("exit", onExit)
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await ready
  } catch (e) {
    await stop()
    throw e
  }
  return { url: `ws://127.0.0.1:${options.port}`, pid, stop }
}
