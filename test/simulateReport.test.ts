/**
 * `subnet simulate` as a user runs it (a real process), its JSON contract, and its HTML report opened in headless
 * Chromium with every network request refused: no console errors, every chart drew data points, a screenshot kept
 * in test/artifacts/ (gitignored): tables and charts present, full width, labels apart.
 */
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { killAll, subnet } from "./processes.ts"

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const artifacts = join(import.meta.dirname, "artifacts")

const exited = (proc: ReturnType<typeof subnet>) =>
  new Promise<number | null>((
    resolve,
  ) => (proc.child.exitCode !== null ? resolve(proc.child.exitCode) : proc.child.once("exit", resolve)))

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "simulate-"))
})
afterAll(async () => {
  killAll()
  await rm(dir, { recursive: true, force: true })
})

describe("subnet simulate", () => {
  it("behavior: --json prints the machine contract; the same seed prints the same bytes", async () => {
    const runs = [subnet(["simulate", "--epochs", "15", "--json"]), subnet(["simulate", "--epochs", "15", "--json"])]
    const codes = await Promise.all(runs.map(exited))
    expect(codes).toEqual([0, 0])
    const [a, b] = runs.map((r) => r.lines.filter((l) => l.startsWith("{")).join("\n"))
    expect(a).toBe(b)
    const result = JSON.parse(a!) as {
      profiles: Array<Record<string, unknown>>
      validators: Array<Record<string, unknown>>
    }
    expect(result.profiles.map((p) => p["name"])).toEqual([
      "honest",
      "lazy",
      "copycat",
      "sybil",
      "slow",
      "random",
      "offline",
    ])
    for (const p of result.profiles) {
      expect(p).toMatchObject({
        name: expect.any(String),
        miners: expect.any(Number),
        emissionShare: expect.any(Number),
      })
      expect(p["emissionShare"]).toBeGreaterThanOrEqual(0)
      expect(p["emissionShare"]).toBeLessThanOrEqual(1)
    }
    for (const v of result.validators) {
      expect(v).toMatchObject({
        name: expect.any(String),
        stake: expect.any(Number),
        dividendShare: expect.any(Number),
      })
    }
  }, 60_000)

  it(
    "behavior: --print-scenario prints a scenario that runs when fed back; a bad one exits 2 naming the field",
    async () => {
      const print = subnet(["simulate", "--print-scenario"])
      expect(await exited(print)).toBe(0)
      const scenario = JSON.parse(print.lines.join("\n")) as {
        epochs: number
        miners: Array<{ params?: Record<string, unknown> }>
      }
      const file = join(dir, "scenario.json")
      await writeFile(file, JSON.stringify({ ...scenario, epochs: 3 }))
      const fed = subnet(["simulate", "--scenario", file, "--csv"])
      expect(await exited(fed)).toBe(0)
      expect(fed.lines.filter((l) => /^mechanism,kind,name,profile,/.test(l))).toHaveLength(1)
      // stderr is not a terminal: progress comes as plain lines, one per epoch here.
      expect(fed.lines.filter((l) => /^simulating: \d\/3 epochs/.test(l))).toHaveLength(3)
      expect(fed.lines.filter((l) => l.startsWith("yuma,"))).toHaveLength(7 + 22 + 5) // groups, operators, validators

      scenario.miners[1]!.params = { quality: 3 }
      await writeFile(file, JSON.stringify(scenario))
      const bad = subnet(["simulate", "--scenario", file])
      expect(await exited(bad)).toBe(2)
      expect(bad.lines.join("\n")).toMatch(/miners\[1\]\.params\.quality: must be a number in \[0, 1\], got 3/)
    },
    60_000,
  )

  // Skipped only outside CI when Chromium is missing; .ci/run installs it, so in CI a missing browser fails.
  it.skipIf(!existsSync(CHROMIUM) && process.env["CI"] === undefined)(
    "behavior: the HTML report opens offline in headless Chromium: operator and hotkey tables, every chart drawn at page width, no label on another",
    async () => {
      const report = join(dir, "report.html")
      const run = subnet(["simulate", "--epochs", "20", "--compare", "yuma3,yuma2,wta", "--report", report])
      expect(await exited(run)).toBe(0)
      const html = await readFile(report, "utf8")
      expect(html).not.toMatch(/<script|https?:\/\//)

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      })
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
        const problems: Array<string> = []
        page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())))
        page.on("pageerror", (e) => problems.push(e.message))
        const requests: Array<string> = []
        await page.route("**/*", (route) => {
          const url = route.request().url()
          if (url.startsWith("file://")) return route.continue()
          requests.push(url)
          return route.abort()
        })
        await page.goto(`file://${report}`)
        const charts = await page.$$eval("svg.chart", (svgs) => svgs.map((s) => {
          const box = s.getBoundingClientRect()
          // End-of-line labels, to check that none sits on another.
          const labels = [...s.querySelectorAll("text.label")].map((t) => t.getBoundingClientRect()).map((r) => ({
            top: r.top,
            bottom: r.bottom,
          }))
          return {
            id: s.getAttribute("data-chart"),
            points: s.querySelectorAll(".point").length,
            width: box.width,
            height: box.height,
            labels,
          }
        }))
        expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining([
          "net-profit",
          "tao-per-epoch",
          "tao-cumulative",
          "emission-share",
          "incentive-per-miner",
          "dividends-over-time",
          "dividends-per-validator",
          "heatmap",
          "mechanisms",
          "emission-share-wta",
        ]))
        const pageWidth = await page.$eval("body", (body) => body.clientWidth)
        for (const c of charts) {
          expect(c.points, `chart ${c.id}`).toBeGreaterThan(0)
          expect(c.width, `chart ${c.id} spans the page`).toBeGreaterThan(0.95 * pageWidth)
          expect(c.height, `chart ${c.id}`).toBeGreaterThan(100)
          const sorted = [...c.labels].sort((a, b) => a.top - b.top)
          for (let i = 1; i < sorted.length; i++) {
            expect(sorted[i]!.top, `chart ${c.id}: label ${i} overlaps the one above`).toBeGreaterThanOrEqual(
              sorted[i - 1]!.bottom - 1,
            )
          }
        }
        // The line charts name every group: a line at 0 is not hidden under another.
        expect(charts.find((c) => c.id === "net-profit")!.labels).toHaveLength(7)
        const rows = (id: string) =>
          page.$$eval(
            `table[data-table="${id}"] tbody tr`,
            (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
          )
        const operators = await rows("operators")
        expect(operators).toHaveLength(22)
        expect(operators.map((r) => Number(r[0]))).toEqual(operators.map((_, i) => i + 1))
        const net = operators.map((r) => Number(r[6]))
        expect(net).toEqual([...net].sort((a, b) => b - a))
        expect(operators[0]![3]).toBe("sybil")
        expect(await rows("hotkeys")).toHaveLength(6 + 3 + 2 + 8 + 3 + 3 + 3)
        const profiles = await rows("profiles")
        expect(profiles.map((r) => r[2])).toEqual(expect.arrayContaining(["honest", "sybil", "weight-copier", "lazy"]))
        for (const r of profiles) expect(r[3]!.length, `description of ${r[1]}`).toBeGreaterThan(10)
        expect(await page.textContent("[data-headline]")).toMatch(
          /Sybil advantage: sybil\/\d split one model \(capacity 1\) over 4 hotkeys/,
        )
        expect(await page.$$eval("[data-glossary] dt", (dts) => dts.map((d) => d.textContent))).toEqual(
          expect.arrayContaining(["I (incentive)", "C (consensus)", "trust (validator trust, Tv)"]),
        )
        expect(await page.textContent("pre")).toContain("\"subnet\": \"arithmetic\"")
        await mkdir(artifacts, { recursive: true })
        await page.screenshot({ path: join(artifacts, "simulate-report.png"), fullPage: true })
        expect(problems).toEqual([])
        expect(requests).toEqual([])
      } finally {
        await browser.close()
      }
    },
    90_000,
  )
})
