/**
 * Spawning `subnet` processes for end-to-end tests: every child is tracked by pid and killed in `killAll`. They run
 * the bundled CLI (`packages/cli/bin/subnet.mjs`, built once by this project's global setup), as a user does.
 *
 * Ceilings here are generous on purpose: they only decide how long a broken run takes to fail. Tests wait for
 * events (a log line, a chain state), never for a fixed time.
 */
import type { ChildProcess } from "node:child_process"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"

export const bin = join(import.meta.dirname, "../packages/cli/bin/subnet.mjs")
/** How long a process may take to print an awaited line (a busy 2-core machine starts six at once in ~15 s). */
export const LINE_CEILING_MS = 60_000
const children = new Set<ChildProcess>()

export interface Proc {
  readonly child: ChildProcess
  /** Resolves with the first line (stdout or stderr) matching `pattern`. */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>
  readonly lines: Array<string>
}

export function subnet(args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}): Proc {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    cwd: join(import.meta.dirname, ".."),
    env: { ...process.env, ...env },
  })
  children.add(child)
  child.on("exit", () => children.delete(child))
  const lines: Array<string> = []
  const listeners = new Set<(line: string) => void>()
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line)
      for (const l of listeners) l(line)
    })
  }
  const waitFor = (pattern: RegExp, timeoutMs = LINE_CEILING_MS) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find((l) => pattern.test(l))
      if (found) return resolve(found)
      const timer = setTimeout(() => {
        listeners.delete(listener)
        reject(
          new Error(`no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${lines.slice(-8).join("\n")}`),
        )
      }, timeoutMs)
      const listener = (line: string) => {
        if (pattern.test(line)) {
          clearTimeout(timer)
          listeners.delete(listener)
          resolve(line)
        }
      }
      listeners.add(listener)
    })
  return { child, waitFor, lines }
}

/** Stops a process: SIGTERM, then SIGKILL after `graceMs`; resolves with its exit code. */
export function stop(proc: Proc, graceMs = 15_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve(proc.child.exitCode)
    const timer = setTimeout(() => proc.child.kill("SIGKILL"), graceMs)
    proc.child.once("exit", (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    proc.child.kill("SIGTERM")
  })
}

/** Resolves with the exit code once the process has exited. */
export const exited = (proc: Proc): Promise<number | null> =>
  new Promise((
    resolve,
  ) => (proc.child.exitCode !== null ? resolve(proc.child.exitCode) : proc.child.once("exit", resolve)))

/** Kills every process this test file started (by pid), whatever happened. */
export function killAll(): void {
  for (const child of children) {
    try {
      process.kill(child.pid!, "SIGKILL")
    } catch { /* already gone */ }
  }
}

/** A localnet chain (0.1 s blocks, tempo 20) in a fresh folder with preset wallets `"<validators>,<miners>"`. */
export async function startLocalnet(preset: string) {
  const dir = mkdtempSync(join(tmpdir(), "subnet-localnet-"))
  const wallets = join(dir, "wallets")
  const chain = subnet([
    "localnet",
    "--port",
    "0",
    "--block-time",
    "0.1",
    "--tempo",
    "20",
    "--state",
    join(dir, "chain.json"),
    "--wallets",
    wallets,
    "--preset",
    preset,
  ])
  const ready = JSON.parse(await chain.waitFor(/"url"/))
  return { dir, wallets, chain, url: ready.url as string, netuid: ready.netuid as number }
}
