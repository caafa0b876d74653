/**
 * The README's main command, timed as a user runs it: `subnet simulate --scenario subnets/text/scenario.json --compare
 * yuma3,yuma2,wta --report …` in a fresh node process (model loads, 30 epochs of real generation and re-execution, the
 * replays under the compared mechanisms, the report). Wall time depends on what else the machine runs, so the
 * process's CPU time (every thread's, read by the process itself as it exits) and the load average come with it.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"

export interface MainCommandBench {
  readonly command: string
  readonly wallSeconds: number
  readonly cpuUserSeconds: number
  readonly cpuSystemSeconds: number
  /** One-minute load average before and after the run. */
  readonly loadBefore: number
  readonly loadAfter: number
}

const root = join(import.meta.dirname, "..")
const bin = join(root, "packages/cli/bin/subnet.mjs")
const MARK = "bench-cpu-usage "
/** Loaded before the command: writes the process's CPU time to stderr as it exits. */
const cpuAtExit =
  `import { writeSync } from "node:fs"; process.on("exit", () => writeSync(2, "\\n${MARK}" + JSON.stringify(process.cpuUsage()) + "\\n"))`

function run(args: ReadonlyArray<string>): Promise<{ readonly stderr: string; readonly seconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [
      "--import",
      `data:text/javascript,${encodeURIComponent(cpuAtExit)}`,
      bin,
      ...args,
    ], { cwd: root, stdio: ["ignore", "ignore", "pipe"] })
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code) => {
      const seconds = (performance.now() - t0) / 1000
      if (code === 0) resolve({ stderr, seconds })
      else {
        reject(
          new Error(`subnet ${args.join(" ")} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join("\n")}`),
        )
      }
    })
  })
}

export async function benchMainCommand(): Promise<MainCommandBench> {
  await run(["--help"]) // rebuilds the CLI bundle if a source changed, so the timed run is what a user's second run costs
  const out = mkdtempSync(join(tmpdir(), "subnetkit-bench-"))
  const args = [
    "simulate",
    "--scenario",
    "subnets/text/scenario.json",
    "--compare",
    "yuma3,yuma2,wta",
    "--report",
    join(out, "simulation.html"),
  ]
  try {
    const loadBefore = loadavg()[0]!
    const { stderr, seconds } = await run(args)
    const line = stderr.split("\n").find((l) => l.startsWith(MARK))
    if (line === undefined) throw new Error("the command exited without reporting its CPU time")
    const cpu = JSON.parse(line.slice(MARK.length)) as { user: number; system: number }
    return {
      command: `subnet ${args.slice(0, -1).join(" ")} out/simulation.html`,
      wallSeconds: seconds,
      cpuUserSeconds: cpu.user / 1e6,
      cpuSystemSeconds: cpu.system / 1e6,
      loadBefore,
      loadAfter: loadavg()[0]!,
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}
