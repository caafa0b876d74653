/**
 * The report's sections, each a piece of HTML: who profits, pay per hotkey and over the run, the validators, the
 * answers as scored, the mechanisms compared and what each profile does.
 */
import type { SimulationResult, SimulationRun } from "@subnetkit/core"
import type { Series } from "./charts.ts"
import { barChart, escape, groupedBars, lineChart, stackedShares } from "./charts.ts"
import { answerParts, OK_MEANS, reasonsLine, sybilLine } from "./summary.ts"

export const fixed = (x: number, digits = 3) => x.toFixed(digits)
const percent = (x: number) => `${(x * 100).toFixed(1)}%`

/** Numbers right-aligned (digits under digits), words left-aligned. */
const isNumber = (c: string | number) => typeof c === "number" || /^[-+]?[\d.]+%?$/.test(c)

const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>, id: string) => {
  const numeric = head.map((_, k) => rows.length > 0 && rows.every((r) => r[k] === "" || isNumber(r[k]!)))
  const align = (k: number) => (numeric[k] ? ` class="n"` : "")
  return `<table data-table="${id}"><thead><tr>${
    head.map((h, k) => `<th${align(k)}>${escape(h)}</th>`).join("")
  }</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c, k) => `<td${align(k)}>${escape(String(c))}</td>`).join("")}</tr>`).join("") +
    `</tbody></table>`
}

/** Long tables fold (no script needed): the first rows show, the rest open on a click. */
const folded = (
  summary: string,
  rows: number,
  body: string,
) => (rows > 30 ? `<details><summary>${escape(summary)}</summary>${body}</details>` : body)

const cumulative = (values: ReadonlyArray<number>) => {
  let sum = 0
  return values.map((v) => (sum += v))
}

const seriesOf = (record: Readonly<Record<string, ReadonlyArray<number>>>): Array<Series> =>
  Object.entries(record).map(([name, values]) => ({ name, values }))

export function headline(result: SimulationResult): string {
  const best = result.operators[0]
  const sybil = result.sybilAdvantage === null
    ? "No operator split a model over several hotkeys next to one that kept the same model on one hotkey, so this run says nothing about sybils."
    : sybilLine(result.sybilAdvantage) + "."
  return `<div class="headline" data-headline="sybil-advantage"><p><strong>${escape(sybil)}</strong></p>` +
    (best === undefined ?
      "" :
      `<p>Most profitable operator: ${escape(best.name)} (${escape(best.profile)}, ${best.hotkeys} hotkey${
        best.hotkeys === 1 ? "" : "s"
      }), ` +
      `${fixed(best.netProfitTao)} TAO net after burns and costs.</p>`) +
    `</div>`
}

export function whoProfits(run: SimulationRun): string {
  const operators = table(
    [
      "rank",
      "operator",
      "group",
      "profile",
      "hotkeys",
      "capacity",
      "net profit",
      "earned",
      "TAO per hotkey",
      "burn",
      "costs",
    ],
    run.operators.map((
      o,
    ) => [
      o.rank,
      o.name,
      o.group,
      o.profile,
      o.hotkeys,
      o.capacity,
      fixed(o.netProfitTao),
      fixed(o.emissionTao),
      fixed(o.perHotkeyTao),
      fixed(o.burnTao),
      fixed(o.costTao),
    ]),
    "operators",
  )
  const groups = table(
    [
      "rank",
      "miner group",
      "profile",
      "operators",
      "hotkeys",
      "net per operator",
      "emission share",
      "TAO per hotkey",
      "mean I",
      "burn",
      "costs",
    ],
    [...run.profiles].sort((a, b) => a.rank - b.rank).map((p) => [
      p.rank,
      p.name,
      p.profile,
      p.operators,
      p.miners,
      fixed(p.netPerOperatorTao),
      percent(p.emissionShare),
      fixed(p.perHotkeyTao),
      fixed(p.meanIncentive, 4),
      fixed(p.burnTao),
      fixed(p.costTao),
    ]),
    "groups",
  )
  return `<h2>Who profits: operators, ranked by net profit (TAO)</h2>` +
    `<p>An operator is one coldkey running one model; a sybil operator registers several hotkeys for it. Net profit = TAO earned − registration burns − running costs.</p>` +
    folded(`all ${run.operators.length} operators`, run.operators.length, operators) +
    `<h3>Miner groups, ranked by net profit per operator</h3>${groups}`
}

export function perHotkey(run: SimulationRun): string {
  const rows = [...run.miners].sort((a, b) => b.emissionTao - a.emissionTao)
  return `<h3>Per hotkey (what the chain sees), most TAO first</h3>` +
    folded(
      `all ${rows.length} hotkeys`,
      rows.length,
      table(
        ["hotkey", "operator", "group", "mean I", "TAO earned"],
        rows.map((m) => [m.hotkey, m.operator, m.group, fixed(m.meanIncentive, 4), fixed(m.emissionTao)]),
        "hotkeys",
      ),
    )
}

export function overTime(run: SimulationRun): string {
  return `<h2>Over the run</h2>` +
    lineChart({
      id: "net-profit",
      title: "Net profit of one operator so far, per miner group (TAO: earned − burns − costs)",
      yLabel: "TAO",
      series: seriesOf(run.series.netPerOperatorTao),
    }) +
    lineChart({
      id: "tao-per-epoch",
      title: "TAO paid to each miner group per epoch",
      yLabel: "TAO per epoch",
      series: seriesOf(run.series.minerTao),
    }) +
    lineChart({
      id: "tao-cumulative",
      title: "TAO paid to each miner group, cumulative",
      yLabel: "TAO",
      series: seriesOf(run.series.minerTao).map((s) => ({ name: s.name, values: cumulative(s.values) })),
    }) +
    stackedShares({
      id: "emission-share",
      title: `Share of miner emission per group, epoch by epoch — ${run.mechanism}`,
      series: seriesOf(run.series.emissionShare),
    })
}

export function validatorSection(run: SimulationRun): string {
  const groups = [...new Set(run.validators.map((v) => v.group))]
  const perStake = groups.map((g) => {
    const members = run.validators.filter((v) => v.group === g)
    const runs = members.map((v) => cumulative(run.series.dividendsTao[v.name] ?? []).map((d) => d / v.stake))
    const epochs = Math.max(0, ...runs.map((r) => r.length))
    const profile = members[0]!.profile
    return {
      name: profile === g ? g : `${g} (${profile})`,
      values: Array.from({ length: epochs }, (_, e) => runs.reduce((s, r) => s + (r[e] ?? 0), 0) / runs.length),
    }
  })
  return `<h2>Validators</h2>` +
    lineChart({
      id: "dividends-over-time",
      title: "Dividends per TAO staked, cumulative (mean over each validator group)",
      yLabel: "TAO per TAO staked",
      series: perStake,
      format: (v) => v.toPrecision(3),
    }) +
    barChart({
      id: "dividends-per-validator",
      title: "Dividends per validator over the run (TAO)",
      yLabel: "TAO",
      bars: run.validators.map((v) => ({ label: v.name, group: groups.indexOf(v.group), value: v.dividendsTao })),
      groups,
    }) +
    folded(
      `all ${run.validators.length} validators`,
      run.validators.length,
      table(
        ["validator", "profile", "stake", "dividends", "dividend share", "per TAO staked", "mean trust", "net"],
        run.validators.map((
          v,
        ) => [
          v.name,
          v.profile,
          v.stake,
          fixed(v.dividendsTao),
          percent(v.dividendShare),
          fixed(v.dividendsPerStake, 5),
          fixed(v.meanValidatorTrust, 4),
          fixed(v.netProfitTao),
        ]),
        "validators",
      ),
    )
}

export function answersTable(result: SimulationResult): string {
  const partNames = [...new Set(Object.values(result.answers).flatMap((a) => Object.keys(a.meanParts)))]
  return `<h2>Answers as the validators scored them</h2>` +
    table(
      [
        "miner group",
        "scored",
        "mean reward",
        ...partNames.map((p) => `mean ${p}`),
        "statuses",
        "details (not ok)",
        "scorer's reasons",
      ],
      Object.entries(result.answers).map(([name, a]) => {
        const { details, reasons } = answerParts(a)
        return [
          name,
          a.answers,
          fixed(a.meanReward),
          ...partNames.map((p) => (a.meanParts[p] === undefined ? "" : fixed(a.meanParts[p]!))),
          reasonsLine(a.statuses),
          reasonsLine(details),
          reasonsLine(reasons),
        ]
      }),
      "answers",
    ) + `<p>${escape(OK_MEANS)}</p>`
}

export function mechanisms(result: SimulationResult): string {
  const runs = [result, ...result.compare]
  const names = runs.map((r, i) => (i === 0 ? `${r.mechanism} (run)` : r.mechanism))
  const chart = groupedBars({
    id: "mechanisms",
    title: "Net profit per operator under each mechanism (same answers, scores and weights)",
    yLabel: "TAO",
    categories: result.profiles.map((p) => p.name),
    series: runs.map((r, k) => ({ name: names[k]!, values: r.profiles.map((p) => p.netPerOperatorTao) })),
  })
  const rows = [
    ...result.profiles.map((
      p,
      i,
    ) => [`miners: ${p.name} (emission share)`, ...runs.map((r) => percent(r.profiles[i]!.emissionShare))]),
    ...result.validators.map((
      v,
      i,
    ) => [`validator: ${v.name} (dividend share)`, ...runs.map((r) => percent(r.validators[i]!.dividendShare))]),
  ]
  return `<h2>Mechanisms side by side</h2>${chart}${table(["", ...names], rows, "mechanisms")}` +
    result.compare.map((r) =>
      stackedShares({
        id: `emission-share-${r.mechanism}`,
        title: `Share of miner emission per group — ${r.mechanism}`,
        series: seriesOf(r.series.emissionShare),
      })
    ).join("")
}

export function profiles(result: SimulationResult): string {
  const params = (p: unknown) => (p === undefined ? "" : JSON.stringify(p))
  const rows = [
    ...result.profiles.map((
      p,
      i,
    ) => ["miners", p.name, p.profile, p.description, params(result.scenario.miners[i]?.params)]),
    ...[...new Map(result.validators.map((v) => [v.group, v])).values()].map((
      v,
    ) => [
      "validators",
      v.group,
      v.profile,
      v.description,
      params(result.scenario.validators.find((g) => g.name === v.group)?.params),
    ]),
  ]
  return `<h2>What each profile does</h2>${
    table(["kind", "group", "profile", "what it does", "parameters"], rows, "profiles")
  }`
}
