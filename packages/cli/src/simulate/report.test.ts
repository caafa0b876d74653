/**
 * The simulation's table and report as a newcomer reads them (issue 30): answers counted so they add up, "ok" with
 * reward 0 explained, a custom profile by its name, every incentive bar and heatmap column named, and "did you mean"
 * or a short path for a profile that does not exist.
 */
import { defaultScenario } from "@subnetkit/core"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { main } from "../main.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

const core = JSON.stringify(join(import.meta.dirname, "../../../core/src/index.ts"))
const stringSum = join(import.meta.dirname, "../../../../test/fixtures/stringSumProfile.mjs")
const dir = mkdtempSync(join(tmpdir(), "subnet-report-"))

/** The arithmetic subnet with a scorer that names a verdict for every answer, the ones that did not come back too. */
const VERDICT = `
import { arithmetic, defineSubnet } from ${core}
import { Effect } from "effect"
export default defineSubnet({ ...arithmetic, name: "verdict", validator: { ...arithmetic.validator,
  score: (task, answers) => Effect.succeed(answers.map((a) => {
    const right = a.status === "ok" && a.response.sum === task.a + task.b
    return { score: right ? 1 : 0, parts: { verdict: a.status !== "ok" ? "no answer" : right ? "right" : "wrong" } }
  })) } })`

const scenario = (miners: ReadonlyArray<object>) => ({
  ...defaultScenario,
  subnet: "./verdict.mjs",
  epochs: 3,
  seed: 5,
  miners,
  validators: [{ name: "v", profile: "honest", count: 1, stakeTao: 100 }],
})

beforeAll(() => {
  writeFileSync(join(dir, "verdict.mjs"), VERDICT)
  writeFileSync(
    join(dir, "s.json"),
    JSON.stringify(scenario([
      { name: "honest", profile: "honest", count: 2 },
      { name: "bad", profile: stringSum, count: 2 },
      { name: "random", profile: "random", count: 2 },
    ])),
  )
})

/** The row of the answers table for `group`, split into its columns (two spaces or more apart). */
const answersRow = (text: string, group: string) => {
  const table = text.slice(text.indexOf("answers of"))
  return table.split("\n").find((l) => l.startsWith(`${group} `))!.split(/\s{2,}/)
}

describe("the answers table", () => {
  it("behavior: statuses add up to the answers; the runtime's details and the scorer's reasons are apart", async () => {
    const { code, stdout } = await run("simulate", "--scenario", join(dir, "s.json"))
    expect(code).toBe(0)
    const [group, scored, , statuses, why] = answersRow(stdout, "bad")
    expect(group).toBe("bad")
    expect(statuses).toBe(`error ×${scored}`) // every broken answer once
    expect(why).toBe(
      `error: the handler's answer does not match subnet verdict's response schema: Expected number at ["sum"] ×${scored}; scorer: no answer ×${scored}`,
    )
    // --json keeps its contract: every string the scorer and the runtime gave, by count.
    const json = JSON.parse((await run("simulate", "--scenario", join(dir, "s.json"), "--json")).stdout)
    expect(Object.values(json.answers.bad.reasons)).toEqual([Number(scored), Number(scored)])
  })

  it("behavior: \"ok\" beside a reward of 0 is explained under the table", async () => {
    const { stdout } = await run("simulate", "--scenario", join(dir, "s.json"))
    const [, , reward, statuses] = answersRow(stdout, "random")
    expect([reward, statuses]).toEqual(["0.000", expect.stringMatching(/^ok ×\d+$/)])
    expect(stdout).toContain("\"ok\" means the answer came back in time and in the response schema")
  })
})

describe("profiles", () => {
  it("behavior: a profile loaded from a path is shown by its name in the table and the report; --json keeps the path", async () => {
    const report = join(dir, "r.html")
    const { stdout } = await run("simulate", "--scenario", join(dir, "s.json"), "--report", report)
    const groups = stdout.slice(0, stdout.indexOf("Operators")).split("\n").filter((l) => l.startsWith("bad "))
    expect(groups[0]!.split(/\s{2,}/)[2]).toBe("string-sum")
    expect(stdout).not.toContain(stringSum)
    const html = readFileSync(report, "utf8")
    expect(html.slice(0, html.indexOf("<h2>Scenario"))).not.toContain(stringSum)
    expect(html).toContain("<td>string-sum</td>")
    const json = JSON.parse((await run("simulate", "--scenario", join(dir, "s.json"), "--json")).stdout)
    expect(json.profiles.find((p: { name: string }) => p.name === "bad").profile).toBe(stringSum)
  })

  it("error: a mistyped built-in profile gets \"did you mean\"", async () => {
    writeFileSync(join(dir, "typo.json"), JSON.stringify(scenario([{ name: "h", profile: "honset", count: 2 }])))
    const { code, stderr } = await run("simulate", "--scenario", join(dir, "typo.json"))
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /^subnet simulate: miners\[0\]\.profile: unknown miner profile "honset" .*did you mean "honest"\?\n$/,
    )
  })

  it("error: a profile path that does not exist is one line with the path as given, not the importer's", async () => {
    writeFileSync(
      join(dir, "gone.json"),
      JSON.stringify(scenario([{ name: "g", profile: "./gone/forger.mjs", count: 2 }])),
    )
    const { code, stderr } = await run("simulate", "--scenario", join(dir, "gone.json"))
    expect(code).toBe(2)
    expect(stderr).toBe(
      `subnet simulate: miner profile ./gone/forger.mjs: cannot be imported: no such file (looked for ${
        join(dir, "gone/forger.mjs")
      })\n`,
    )
  })
})

describe("the report's charts", () => {
  it("behavior: every incentive bar and every heatmap column carries its miner's name on the chart", async () => {
    const report = join(dir, "names.html")
    expect((await run("simulate", "--scenario", join(dir, "s.json"), "--report", report, "--json")).code).toBe(0)
    const html = readFileSync(report, "utf8")
    const chart = (id: string) =>
      html.slice(html.indexOf(`data-chart="${id}"`), html.indexOf("</svg>", html.indexOf(`data-chart="${id}"`)))
    const names = (svg: string) => [...svg.matchAll(/<text[^>]*rotate\(-45[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])
    const miners = ["honest", "bad", "random"].flatMap((g) => [`m/${g}/1`, `m/${g}/2`])
    expect(names(chart("incentive-per-miner")).sort()).toEqual([...miners].sort())
    expect(names(chart("heatmap")).sort()).toEqual([...miners].sort())
    expect(html).not.toContain("hover for names")
  })
})
