import { Schema } from "effect"
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import type { KvState as KvStateType } from "../examples/kv.ts"
import { KvState } from "../examples/kv.ts"
import { seededRandom } from "../subnet/seededRandom.ts"
import { ValidatorState } from "./StateStore.ts"

const script = join(import.meta.dirname, "../testing/validatorProcess.ts")
const decode = Schema.decodeUnknownSync(Schema.fromJsonString(ValidatorState))

interface Run {
  readonly loaded: number | null
  readonly saved: Array<number>
}

/** Starts the validator process, kills it with SIGKILL `killAfterMs` after its first saved step (or after start). */
function runAndKill(
  stateFile: string,
  killAfterMs: number,
  afterFirstSave: boolean,
  subnet = "arithmetic",
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, stateFile, subnet], {
      stdio: ["ignore", "pipe", "pipe"],
    })
    const run: { loaded: number | null; saved: Array<number> } = { loaded: null, saved: [] }
    let stderr = ""
    let timer: NodeJS.Timeout | undefined
    const kill = () => (timer ??= setTimeout(() => child.kill("SIGKILL"), killAfterMs))
    const deadline = setTimeout(() => child.kill("SIGKILL"), 60_000) // never hang the suite
    if (!afterFirstSave) kill()
    let buffer = ""
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split("\n")
      buffer = lines.pop()!
      for (const line of lines) {
        const [word, value] = line.split(" ")
        if (word === "loaded") run.loaded = Number(value)
        if (word === "saved") {
          run.saved.push(Number(value))
          kill()
        }
      }
    })
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("error", reject)
    child.on("exit", (_code, signal) => {
      clearTimeout(deadline)
      if (signal !== "SIGKILL") reject(new Error(`validator exited by itself (${signal}): ${stderr}`))
      else resolve(run)
    })
  })
}

describe("validator crash safety (real processes)", () => {
  it(
    "behavior: killed with SIGKILL 24 times, it always restarts from a state file that parses and loses at most the step in flight",
    async () => {
      const stateFile = join(mkdtempSync(join(tmpdir(), "validator-crash-")), "state.json")
      const random = seededRandom(2026)
      let lastPrinted = 0 // the last step the previous run reported as saved
      let kills = 0
      for (let i = 0; i < 24; i++) {
        const run = await runAndKill(stateFile, 5 + random.int(120), i % 3 !== 0)
        kills++
        if (run.loaded !== null) expect(run.loaded).toBe(lastPrinted) // resumed exactly where the file was left
        let onDisk = 0
        try {
          onDisk = decode(readFileSync(stateFile, "utf8")).step
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e // the file may not exist before the first save
        }
        const printed = run.saved.at(-1) ?? lastPrinted
        expect(onDisk).toBeGreaterThanOrEqual(printed)
        expect(onDisk).toBeLessThanOrEqual(printed + 1) // only the step in flight may be missing from the output
        lastPrinted = onDisk
      }
      expect(kills).toBe(24)
      expect(lastPrinted).toBeGreaterThan(10)
    },
    240_000,
  )

  it(
    "behavior: a kv validator killed with SIGKILL mid-round 12 times restarts with a state that decodes and no placement lost",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "validator-crash-kv-"))
      const stateFile = join(dir, "state.json")
      const decodeKv = Schema.decodeUnknownSync(KvState)
      const random = seededRandom(7)
      let steps = 0
      let storedMost = 0
      for (let i = 0; i < 12; i++) {
        const run = await runAndKill(stateFile, 5 + random.int(60), i % 3 !== 0, "kv")
        steps += run.saved.length
        let placements: KvStateType["placements"] = []
        try {
          placements = decodeKv(decode(readFileSync(stateFile, "utf8")).subnet).placements
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e
        }
        // Every value a miner stored is one the validator has recorded (write-ahead), with that miner as a holder.
        const recorded = new Set(placements.flatMap((p) => p.holders.map((h) => `${h.hotkey}/${p.key}`)))
        const minersDir = join(dir, "miners")
        const stored = existsSync(minersDir)
          ? readdirSync(minersDir).flatMap((hotkey) =>
            readdirSync(join(minersDir, hotkey)).filter((f) => !f.startsWith(".")).map((key) => `${hotkey}/${key}`)
          )
          : []
        for (const s of stored) {
          expect(recorded.has(s), `${s} is on a miner's disk but not in the validator's state`).toBe(true)
        }
        storedMost = Math.max(storedMost, stored.length)
      }
      expect(steps).toBeGreaterThan(5)
      expect(storedMost).toBeGreaterThan(5)
    },
    240_000,
  )
})
