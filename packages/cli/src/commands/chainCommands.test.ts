/**
 * The chain commands against a localnet, all in this process (`main` with a stop of the test's own): a fresh state
 * folder, `query` on a subnet with request kinds, and what `emission --netuid` says the owner was paid (issue 30).
 */
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { main } from "../main.ts"

interface Running {
  readonly out: Array<string>
  readonly err: Array<string>
  /** The first line (stdout or stderr) matching `pattern`, once it is printed. */
  readonly line: (pattern: RegExp) => Promise<string>
  readonly stop: () => Promise<number>
}

/** `subnet <argv>` in this process until `stop` (the way SIGTERM stops the real command). */
function start(...argv: Array<string>): Running {
  const out: Array<string> = []
  const err: Array<string> = []
  const waiting = new Set<() => void>()
  const push = (lines: Array<string>) => (text: string) => {
    lines.push(...text.split("\n").filter((l) => l !== ""))
    for (const w of waiting) w()
  }
  let resolveStop = () => {}
  const stopSignal = new Promise<void>((resolve) => (resolveStop = resolve))
  const done = main(argv, { stdout: push(out), stderr: push(err), stop: stopSignal })
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = [...out, ...err].find((l) => pattern.test(l))
        if (found !== undefined) {
          waiting.delete(check)
          resolve(found)
        }
      }
      waiting.add(check)
      check()
      void done.then((code) => reject(new Error(`subnet ${argv[0]} exited ${code}:\n${[...out, ...err].join("\n")}`)))
    })
  return { out, err, line, stop: () => (resolveStop(), done) }
}

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

/**
 * Runs `attempt` until `done` holds for its result: the chain moves on its own, the test waits for it to. The ceiling
 * only bounds a broken run, which then fails saying what it waited for.
 */
async function until<A>(what: string, attempt: () => Promise<A>, done: (a: A) => boolean, log = () => ""): Promise<A> {
  const ceiling = Date.now() + 50_000
  for (;;) {
    const a = await attempt()
    if (done(a)) return a
    if (Date.now() > ceiling) throw new Error(`still waiting for ${what}: ${JSON.stringify(a)}\n${log()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const dir = mkdtempSync(join(tmpdir(), "cli-chain-"))
const wallets = join(dir, "wallets")
const state = join(dir, ".localnet", "chain.json") // a folder that does not exist yet
let chain: Running
let miner: Running
let url = ""

beforeAll(async () => {
  const fast = "--port 0 --block-time 0.05 --tempo 5 --preset 1,1".split(" ")
  chain = start("localnet", ...fast, "--state", state, "--wallets", wallets)
  url = JSON.parse(await chain.line(/"url"/)).url
  miner = start(
    "miner",
    ...["--subnet", "kv", "--wallet", "localnet-miner-1", "--wallets", wallets, "--chain", url, "--metrics-port", "0"],
  )
  await miner.line(/miner\.serving/)
}, 120_000)

afterAll(async () => {
  await miner?.stop()
  await chain?.stop()
})

/** The preset validator's wallet on this chain (a validator permit: miners answer it). */
const common = () => ["--wallet", "localnet-validator-1", "--wallets", wallets, "--chain", url]

describe("a fresh localnet", () => {
  it("behavior: --state in a folder that does not exist yet is created, and saving never fails", () => {
    expect(existsSync(state)).toBe(true)
    expect(chain.err.filter((l) => /failed/.test(l))).toEqual([])
  })
})

describe("subnet query on a subnet with request kinds", () => {
  it("behavior: --kind sends that kind; without it, the subnet's first", async () => {
    const args = (...more: Array<string>) => ["query", "--subnet", "kv", ...common(), "--json", ...more]
    // The caller needs a validator permit, which the first epoch gives it.
    const put = await until(
      "the miner to answer a put",
      () => run(...args("--kind", "put", "--input", JSON.stringify({ key: "k1", value: "v1" }))),
      (r) => r.code === 0 && JSON.parse(r.stdout).answers[0]?.status === "ok",
    )
    expect(JSON.parse(put.stdout).answers[0].response).toEqual({ stored: true })
    const got = await run(...args("--kind", "get", "--input", JSON.stringify({ key: "k1" })))
    expect(got.code).toBe(0)
    expect(JSON.parse(got.stdout).answers[0]).toMatchObject({ status: "ok", response: { value: "v1" } })
    const first = await run(...args("--input", JSON.stringify({ key: "k2", value: "v2" })))
    expect(JSON.parse(first.stdout).answers[0]).toMatchObject({ status: "ok", response: { stored: true } })
  })

  it("error: an unknown kind is one line naming the subnet's kinds; input of another kind names the kind", async () => {
    expect(await run("query", "--subnet", "kv", ...common(), "--kind", "task", "--input", "{}")).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet query: --kind task: subnet kv has no request kind \"task\"; its kinds: put, get\n",
    })
    const wrong = await run("query", "--subnet", "kv", ...common(), "--kind", "get", "--input", "{\"value\":1}")
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/^subnet query: --input is not a "get" task of subnet kv: .*\n$/)
  })
})

describe("--metrics-port", () => {
  it("behavior: the miner's Prometheus endpoint counts the requests it answered, names by subnetkit_<area>_<what>_<unit>", async () => {
    const metricsUrl = JSON.parse(await miner.line(/metrics\.serving/)).url
    await run("query", "--subnet", "kv", ...common(), "--kind", "get", "--input", JSON.stringify({ key: "k1" }))
    const text = await (await fetch(metricsUrl)).text()
    expect(text).toMatch(/^# TYPE subnetkit_axon_requests_total counter$/m)
    expect(Number(/^subnetkit_axon_requests_total\{status="200"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1)
    const names = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1])
    expect(names.filter((n) => !/^subnetkit_[a-z]+_[a-z]+_(total|ratio)$/.test(n!))).toEqual([])
  })
})

describe("subnet emission --netuid", () => {
  it("behavior: the owner's row holds its cut, 18% of what the epoch paid", async () => {
    const validator = start("validator", "--subnet", "kv", ...common(), "--metrics-port", "0")
    try {
      // Once the validator's weights are in, an epoch pays the neurons, and the owner its cut beside them.
      const paid = await until(
        "an epoch that paid the miner",
        () => run("emission", "--netuid", "1", "--chain", url, "--json"),
        (r) => r.code === 0 && JSON.parse(r.stdout).roles.find((x: { role: string }) => x.role === "miner").tao !== "0",
        () => validator.err.slice(-5).join("\n"),
      )
      const doc = JSON.parse(paid.stdout)
      const owner = doc.roles.find((r: { role: string }) => r.role === "owner")
      expect(doc.ownerCut.percent).toBe(18)
      expect(Number(owner.tao)).toBeGreaterThan(0)
      expect(owner.percent).toBeGreaterThanOrEqual(17.99)
      expect(owner.percent).toBeLessThanOrEqual(18.01)
      const total = doc.roles.reduce((sum: number, r: { tao: string }) => sum + Number(r.tao), 0)
      expect(total).toBeCloseTo(Number(doc.totalTao), 6)
      const table = await run("emission", "--netuid", "1", "--chain", url)
      expect(table.stdout).toMatch(/^owner\s+[\d.]+\s+18\.00$/m)
      // The validator's own metrics: its answers by status and the last reward per miner.
      const metrics = await (await fetch(JSON.parse(await validator.line(/metrics\.serving/)).url)).text()
      expect(metrics).toMatch(/^subnetkit_validator_answers_total\{status="ok"\} \d+$/m)
      expect(metrics).toMatch(/^subnetkit_validator_reward_ratio\{uid="2"\} [\d.]+$/m)
    } finally {
      await validator.stop()
    }
  })

  it("args: --network reads a subtensor node, like metagraph (a bad one is a usage error, not an unknown option)", async () => {
    expect(await run("emission", "--netuid", "1", "--network", "mainnet")).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet emission: --network: expected finney, test, local or a ws:// / wss:// URL, got \"mainnet\"\n",
    })
  })
})
