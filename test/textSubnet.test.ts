/**
 * The text subnet as a user runs it: `subnet miner` refuses to start (exit 1, one line naming the model and the fix)
 * when its model cannot load, and `subnet simulate` runs the subnet's shipped scenario by path.
 */
import { describe, expect, it } from "vitest"
import { subnet } from "./processes.ts"

const exited = (proc: ReturnType<typeof subnet>) =>
  new Promise<number | null>((
    resolve,
  ) => (proc.child.exitCode !== null ? resolve(proc.child.exitCode) : proc.child.once("exit", resolve)))

describe("subnets/text from the command line", () => {
  it(
    "behavior: a miner whose model does not load exits 1 saying which model and what to do, before touching a chain",
    async () => {
      const miner = subnet([
        "miner",
        "--subnet",
        "subnets/text/src/index.ts",
        "--wallet",
        "nobody",
        "--chain",
        "ws://127.0.0.1:9",
      ], {
        SUBNET_TEXT_MODEL: "no-such-model",
      })
      expect(await exited(miner)).toBe(1)
      const out = miner.lines.join("\n")
      expect(out).toMatch(
        /subnet miner: miner of subnet text cannot start: Cannot load model "no-such-model" \(dtype fp32\)/,
      )
      expect(out).toMatch(/SUBNET_TEXT_ALLOW_REMOTE=true/)
      expect(out).not.toMatch(/at .*\.ts:\d+/) // one line, no stack trace
    },
    60_000,
  )

  it(
    "behavior: the shipped scenario runs by path: honest miners lead, a different model and random answers earn nothing",
    async () => {
      const run = subnet(["simulate", "--scenario", "subnets/text/scenario.json", "--epochs", "12", "--json"])
      expect(await exited(run)).toBe(0)
      const result = JSON.parse(run.lines.find((l) => l.startsWith("{"))!) as {
        profiles: Array<{ name: string; perHotkeyTao: number; rank: number }>
      }
      const profile = (name: string) => result.profiles.find((p) => p.name === name)!
      // Per hotkey honest miners lead (ranks are per operator, where the 4-hotkey sybil may lead).
      expect(profile("honest").perHotkeyTao).toBe(Math.max(...result.profiles.map((p) => p.perHotkeyTao)))
      expect(profile("other-model").perHotkeyTao).toBe(0)
      expect(profile("random").perHotkeyTao).toBe(0)
      expect(profile("lazy").perHotkeyTao).toBeGreaterThan(0)
    },
    120_000,
  )
})

describe("subnets/text in subnet simulate", () => {
  it("behavior: a scenario whose subnet model does not load exits 2 naming it, before simulating", async () => {
    const run = subnet(["simulate", "--scenario", "subnets/text/scenario.json"], { SUBNET_TEXT_MODEL: "no-such-model" })
    expect(await exited(run)).toBe(2)
    expect(run.lines.join("\n")).toMatch(
      /subnet simulate: subnet: subnet text cannot run a miner: Cannot load model "no-such-model"/,
    )
  }, 60_000)
})
