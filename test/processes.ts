/** Spawning `subnet` processes for end-to-end tests: every child is tracked by pid and killed in `killAll`. */
import type { ChildProcess } from "node:child_process"
import { spawn } from "node:child_process"
import { join } from "node:path"
import { createInterface } from "node:readline"

const bin = join(import.meta.dirname, "../packages/cli/src/bin.ts")
const children = new Set<ChildProcess>()

export interface Proc {
  readonly child: ChildProcess
  /** Resolves with the first line (stdout or stderr) matching `pattern`. */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>
  readonly lines: Array<string>
}

export function subnet(args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], {
    stdio: ["ignore", "pipe", "pipe"], cwd: join(import.meta.dirname, ".."), env: { ...process.env, ...env },
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
  const waitFor = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find((l) => pattern.test(l))
      if (found) return resolve(found)
      const timer = setTimeout(() => {
        listeners.delete(listener)
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${lines.slice(-8).join("\n")}`))
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
export function stop(proc: Proc, graceMs = 5_000): Promise<number | null> {
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

/** Kills every process this test file started (by pid), whatever happened. */
export function killAll(): void {
  for (const child of children) {
    try {
      process.kill(child.pid!, "SIGKILL")
    } catch { /* already gone */ }
  }
}
