/**
 * The simulation report: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched when it is
 * opened) with the charts a subnet owner reads — emission share per profile over epochs (per mechanism when
 * comparing), incentive per miner, dividends per validator, the last epoch's weights against consensus — the
 * summary tables, and the scenario that produced them.
 */
import type { SimulationResult, SimulationRun } from "@subnetkit/core"
import { reasonsLine } from "./summary.ts"

const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d", "#475569", "#ea580c"]

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const fixed = (x: number, digits = 4) => x.toFixed(digits)
const percent = (x: number) => `${(x * 100).toFixed(1)}%`

interface Box {
  readonly width: number
  readonly height: number
  readonly left: number
  readonly bottom: number
  readonly top: number
  readonly right: number
}

const frame = (box: Box, yMax: number, yLabel: string, title: string) => {
  const y = (v: number) => box.top + (box.height - box.top - box.bottom) * (1 - v / yMax)
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * yMax)
  return [
    `<text x="${box.left}" y="14" class="title">${escape(title)}</text>`,
    ...ticks.map((t) =>
      `<line x1="${box.left}" x2="${box.width - box.right}" y1="${y(t)}" y2="${y(t)}" class="grid"/>` +
      `<text x="${box.left - 6}" y="${y(t) + 4}" class="tick" text-anchor="end">${yMax <= 1 ? percent(t) : fixed(t, 1)}</text>`
    ),
    `<text x="12" y="${box.height / 2}" class="axis" transform="rotate(-90 12 ${box.height / 2})" text-anchor="middle">${escape(yLabel)}</text>`,
  ].join("")
}

const legend = (names: ReadonlyArray<string>) =>
  `<div class="legend">${names.map((n, i) => `<span><i style="background:${COLORS[i % COLORS.length]}"></i>${escape(n)}</span>`).join("")}</div>`

/** Lines of emission share per miner group, one point per epoch. */
function shareChart(run: SimulationRun, id: string): string {
  const box: Box = { width: 720, height: 260, left: 56, right: 12, top: 24, bottom: 28 }
  const series = Object.entries(run.series.emissionShare)
  const epochs = Math.max(1, ...series.map(([, s]) => s.length))
  const x = (i: number) => box.left + ((box.width - box.left - box.right) * (epochs === 1 ? 0.5 : i / (epochs - 1)))
  const y = (v: number) => box.top + (box.height - box.top - box.bottom) * (1 - v)
  const lines = series.map(([name, values], k) => {
    const color = COLORS[k % COLORS.length]
    const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")
    const marks = values.map((v, i) => `<circle class="point" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2" fill="${color}"><title>${escape(name)} epoch ${i + 1}: ${percent(v)}</title></circle>`).join("")
    return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="1.5"/>${marks}`
  })
  const xLabel = `<text x="${box.width / 2}" y="${box.height - 6}" class="axis" text-anchor="middle">epoch (1–${epochs})</text>`
  return `<figure><svg class="chart" data-chart="${id}" viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}">` +
    `${frame(box, 1, "share of miner emission", `Emission share per profile — ${run.mechanism}`)}${lines.join("")}${xLabel}</svg>${legend(series.map(([n]) => n))}</figure>`
}

/** Vertical bars with one colour per group. */
function barChart(id: string, title: string, yLabel: string, bars: ReadonlyArray<{ readonly label: string; readonly group: number; readonly value: number }>, groups: ReadonlyArray<string>): string {
  const box: Box = { width: 720, height: 260, left: 56, right: 12, top: 24, bottom: 28 }
  const yMax = Math.max(1e-9, ...bars.map((b) => b.value)) * 1.1
  const slot = (box.width - box.left - box.right) / Math.max(1, bars.length)
  const y = (v: number) => box.top + (box.height - box.top - box.bottom) * (1 - v / yMax)
  const rects = bars.map((b, i) => {
    const top = y(b.value)
    return `<rect class="point" x="${(box.left + i * slot + slot * 0.1).toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" ` +
      `height="${Math.max(0.5, y(0) - top).toFixed(1)}" fill="${COLORS[b.group % COLORS.length]}"><title>${escape(b.label)}: ${fixed(b.value)}</title></rect>`
  })
  return `<figure><svg class="chart" data-chart="${id}" viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}">` +
    `${frame(box, yMax, yLabel, title)}${rects.join("")}</svg>${legend(groups)}</figure>`
}

/** The last epoch: each validator's weights over the miners, and the consensus row under them. */
function heatmap(run: SimulationRun): string {
  const { validators, miners, weights, consensus } = run.lastEpoch
  const rows = [...validators.map((name, v) => ({ name, values: weights[v]! })), { name: "consensus (C)", values: consensus }]
  const cell = 14
  const left = 130
  const top = 24
  const width = Math.max(720, left + miners.length * cell + 12)
  const height = top + rows.length * cell + 40
  const max = Math.max(1e-9, ...rows.flatMap((r) => r.values))
  const cells = rows.flatMap((r, i) =>
    r.values.map((v, j) =>
      `<rect class="point" x="${left + j * cell}" y="${top + i * cell}" width="${cell - 1}" height="${cell - 1}" ` +
      `fill="rgba(37,99,235,${(0.05 + 0.95 * (v / max)).toFixed(3)})"><title>${escape(r.name)} → ${escape(miners[j]!)}: ${fixed(v)}</title></rect>`
    )
  )
  const labels = rows.map((r, i) => `<text x="${left - 6}" y="${top + i * cell + cell - 3}" class="tick" text-anchor="end">${escape(r.name)}</text>`)
  return `<figure><svg class="chart" data-chart="heatmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<text x="0" y="14" class="title">Last epoch: weights per validator (rows normalised over miners) and consensus</text>` +
    `${labels.join("")}${cells.join("")}<text x="${left}" y="${height - 8}" class="axis">miners, in scenario order (hover for names)</text></svg></figure>`
}

const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>) =>
  `<table><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join("")}</tr></thead><tbody>` +
  rows.map((r) => `<tr>${r.map((c) => `<td>${escape(String(c))}</td>`).join("")}</tr>`).join("") + `</tbody></table>`

function summaryTables(run: SimulationRun): string {
  return `<h3>Miner profiles</h3>` +
    table(["profile", "hotkeys", "operators", "mean I", "emission share", "TAO per hotkey", "burn", "costs", "net per operator", "rank"],
      run.profiles.map((p) => [p.name, p.miners, p.operators, fixed(p.meanIncentive), percent(p.emissionShare), fixed(p.perHotkeyTao, 3), fixed(p.burnTao, 3), fixed(p.costTao, 3), fixed(p.netPerOperatorTao, 3), p.rank])) +
    `<h3>Validators</h3>` +
    table(["validator", "profile", "stake", "dividends", "dividend share", "per TAO staked", "mean trust", "net"],
      run.validators.map((v) => [v.name, v.profile, v.stake, fixed(v.dividendsTao, 3), percent(v.dividendShare), fixed(v.dividendsPerStake, 5), fixed(v.meanValidatorTrust), fixed(v.netProfitTao, 3)]))
}

function answersTable(result: SimulationResult): string {
  const partNames = [...new Set(Object.values(result.answers).flatMap((a) => Object.keys(a.meanParts)))]
  return `<h3>Answers as the validators scored them</h3>` +
    table(["profile", "scored", "mean reward", ...partNames.map((p) => `mean ${p}`), "statuses", "reasons"],
      Object.entries(result.answers).map(([name, a]) => [
        name, a.answers, fixed(a.meanReward, 3), ...partNames.map((p) => (a.meanParts[p] === undefined ? "" : fixed(a.meanParts[p]!, 3))),
        reasonsLine(a.statuses), reasonsLine(a.reasons),
      ]))
}

function comparison(result: SimulationResult): string {
  const runs = [result, ...result.compare]
  const head = ["", ...runs.map((r) => r.mechanism)]
  const rows = [
    ...result.profiles.map((p, i) => [`miners: ${p.name} (emission share)`, ...runs.map((r) => percent(r.profiles[i]!.emissionShare))]),
    ...result.validators.map((v, i) => [`validator: ${v.name} (dividend share)`, ...runs.map((r) => percent(r.validators[i]!.dividendShare))]),
  ]
  return `<h2>Mechanisms side by side (same answers, scores and weights)</h2>${table(head, rows)}` +
    result.compare.map((r) => shareChart(r, `emission-share-${r.mechanism}`)).join("")
}

export function renderReport(result: SimulationResult, subnetName: string): string {
  const groups = result.profiles.map((p) => p.name)
  const incentive = result.miners.map((m) => ({ label: m.hotkey, group: groups.indexOf(m.group), value: m.meanIncentive }))
  const dividends = result.validators.map((v, i) => ({ label: v.name, group: i, value: v.dividendsTao }))
  const title = `subnet simulate — ${subnetName}, ${result.mechanism}, ${result.epochs} epochs, seed ${result.scenario.seed}`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#111827}
h1{font-size:20px}h2{font-size:17px;margin-top:32px}h3{font-size:15px}
figure{margin:16px 0}svg{background:#fff;border:1px solid #e5e7eb;max-width:100%;height:auto}
.title{font-weight:600;font-size:13px}.tick{font-size:10px;fill:#4b5563}.axis{font-size:11px;fill:#374151}.grid{stroke:#e5e7eb}
.legend span{margin-right:14px;font-size:12px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #e5e7eb;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
pre{background:#f9fafb;border:1px solid #e5e7eb;padding:12px;font-size:12px;overflow:auto}
</style></head><body>
<h1>${escape(title)}</h1>
<p>Totals paid: owner ${fixed(result.totals.ownerTao, 3)} TAO, miners ${fixed(result.totals.minersTao, 3)} TAO, validators ${fixed(result.totals.validatorsTao, 3)} TAO.</p>
${shareChart(result, "emission-share")}
${barChart("incentive-per-miner", "Mean incentive per miner", "incentive I", incentive, groups)}
${barChart("dividends-per-validator", "Dividends per validator over the run", "TAO", dividends, result.validators.map((v) => v.name))}
${heatmap(result)}
${summaryTables(result)}
${answersTable(result)}
${result.compare.length > 0 ? comparison(result) : ""}
<h2>Scenario</h2>
<pre>${escape(JSON.stringify(result.scenario, null, 2))}</pre>
</body></html>
`
}
