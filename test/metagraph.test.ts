/** `subnet metagraph` and `subnet emission --netuid` against a localnet with the preset neurons, as processes. */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { exited, killAll, stop, subnet } from "./processes.ts"

afterAll(killAll)

const output = async (args: Array<string>) => {
  const proc = subnet(args)
  const code = await exited(proc)
  return { code, lines: proc.lines }
}

describe("subnet metagraph / emission --netuid", () => {
  it("behavior: the table and valid JSON of a localnet's preset neurons; the last epoch's payout by role", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-metagraph-"))
    const chain = subnet([
      "localnet",
      "--port",
      "0",
      "--block-time",
      "0.05",
      "--tempo",
      "5",
      "--state",
      join(dir, "c.json"),
      "--preset",
      "2,3",
    ])
    const { url } = JSON.parse(await chain.waitFor(/"url"/))

    const table = await output(["metagraph", "--netuid", "1", "--chain", url])
    expect(table.code).toBe(0)
    expect(table.lines[0]).toMatch(/^subnet 1 at block \d+ \(tempo 5\), 6 neurons$/)
    expect(table.lines[1]).toMatch(
      /^uid\s+hotkey\s+stake \(TAO\)\s+I\s+D\s+E \(TAO\)\s+C\s+trust\s+permit\s+axon\s+last update$/,
    )
    expect(table.lines.slice(3)).toHaveLength(6)
    expect(table.lines[4]).toMatch(/^1\s+5\w+…\s+1,000\s.*\byes\b/) // the first preset validator: 1000 TAO staked, a permit

    const json = await output(["metagraph", "--netuid", "1", "--chain", url, "--json"])
    expect(json.code).toBe(0)
    const graph = JSON.parse(json.lines.join("\n"))
    expect(graph.neurons.map((n: { uid: number }) => n.uid)).toEqual([0, 1, 2, 3, 4, 5])
    expect(graph.neurons[1]).toMatchObject({ stakeTao: "1,000", validatorPermit: true, incentive: 0 })
    expect(Object.keys(graph.neurons[0])).toEqual([
      "uid",
      "hotkey",
      "coldkey",
      "stakeTao",
      "incentive",
      "dividends",
      "emissionTao",
      "consensus",
      "trust",
      "validatorPermit",
      "axon",
      "lastUpdate",
      "active",
    ])

    const paid = await output(["emission", "--netuid", "1", "--chain", url, "--json"])
    expect(paid.code).toBe(0)
    expect(JSON.parse(paid.lines.join("\n")).roles.map((r: { role: string }) => r.role)).toEqual([
      "owner",
      "validator",
      "miner",
    ])
    expect(await stop(chain)).toBe(0)
  })

  it("error: a missing --netuid exits 2; a chain that is down exits 1 after its retries, in one line", async () => {
    expect(await output(["metagraph"])).toEqual({
      code: 2,
      lines: ["subnet metagraph: missing --netuid: subnet metagraph --netuid <n>"],
    })
    const down = await output(["metagraph", "--netuid", "1", "--chain", "ws://127.0.0.1:9"])
    expect(down.code).toBe(1)
    expect(down.lines.filter((l) => !l.startsWith("{"))).toEqual([
      "subnet metagraph: the chain at ws://127.0.0.1:9 is unavailable after 3 attempts (not connected): start one with \"subnet localnet\" or pass --chain <url>",
    ])
    expect(down.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l).event)).toEqual([
      "chain.waiting",
      "chain.waiting",
    ])
  })
})
