/**
 * The simulation report: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched when it is
 * opened) that answers an owner's questions in order — who profits (operators ranked by net profit, the sybil
 * headline), how pay moves over the run, what validators earn, what each mechanism would have paid — then what every
 * profile does, what the letters mean, and the scenario that produced it.
 */
import type { SimulationResult } from "@subnetkit/core"
import { barChart, escape, heatmap } from "./charts.ts"
import { GLOSSARY } from "./glossary.ts"
import {
  answersTable,
  fixed,
  headline,
  mechanisms,
  overTime,
  perHotkey,
  profiles,
  validatorSection,
  whoProfits,
} from "./reportSections.ts"

export function renderReport(result: SimulationResult, subnetName: string): string {
  const groups = result.profiles.map((p) => p.name)
  const title =
    `subnet simulate — ${subnetName}, ${result.mechanism}, ${result.epochs} epochs, seed ${result.scenario.seed}`
  const { validators, miners, weights, consensus } = result.lastEpoch
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${
  escape(title)
}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:20px 24px;color:#111827}
h1{font-size:20px}h2{font-size:17px;margin-top:32px;border-bottom:1px solid #e5e7eb}h3{font-size:15px}
figure{margin:16px 0;width:100%}svg.chart{display:block;width:100%;height:auto;background:#fff;border:1px solid #e5e7eb}
.title{font-weight:600;font-size:14px}.tick{font-size:11px;fill:#4b5563}.axis{font-size:12px;fill:#374151}.label{font-size:11px}
.grid{stroke:#e5e7eb}.zero{stroke:#9ca3af}
.legend span{margin-right:14px;font-size:12px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}.legend em{color:#6b7280}
.headline{background:#eff6ff;border:1px solid #bfdbfe;padding:8px 14px;margin:12px 0}
table{border-collapse:collapse;font-size:12px;margin:8px 0;width:100%}th,td{border:1px solid #e5e7eb;padding:3px 8px;text-align:left}
th{background:#f9fafb}.n{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:600}dd{margin:0}
pre{background:#f9fafb;border:1px solid #e5e7eb;padding:12px;font-size:12px;overflow:auto}
</style></head><body>
<h1>${escape(title)}</h1>
<p>Totals paid: owner ${fixed(result.totals.ownerTao)} TAO, miners ${fixed(result.totals.minersTao)} TAO, validators ${
  fixed(result.totals.validatorsTao)
} TAO.</p>
${headline(result)}
${whoProfits(result)}
${perHotkey(result)}
${
  barChart({
    id: "incentive-per-miner",
    title: "Mean incentive (I) per hotkey",
    yLabel: "incentive I",
    bars: result.miners.map((m) => ({ label: m.hotkey, group: groups.indexOf(m.group), value: m.meanIncentive })),
    groups,
  })
}
${overTime(result)}
${validatorSection(result)}
${
  heatmap({
    id: "heatmap",
    title: "Last epoch: weights per validator (rows normalised over miners) and consensus (C)",
    columns: miners,
    rows: [...validators.map((name, v) => ({ name, values: weights[v]! })), {
      name: "consensus (C)",
      values: consensus,
    }],
  })
}
${answersTable(result)}
${result.compare.length > 0 ? mechanisms(result) : ""}
${profiles(result)}
<h2>What the letters and columns mean</h2>
<dl data-glossary>${
  GLOSSARY.map(([term, meaning]) => `<dt>${escape(term)}</dt><dd>${escape(meaning)}</dd>`).join("")
}</dl>
<h2>Scenario</h2>
<pre>${escape(JSON.stringify(result.scenario, null, 2))}</pre>
</body></html>
`
}
