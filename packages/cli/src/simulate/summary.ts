/** The simulation's terminal tables and CSV rows. */
import type { AnswerSummary, SimulationResult, SimulationRun, SybilAdvantage } from "@subnetkit/core"
import { textTable } from "../textTable.ts"

const f = (x: number, digits: number) => x.toFixed(digits)
const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/** Operators shown in the terminal; --json and --csv have them all. */
const OPERATOR_ROWS = 20

export function summaryText(result: SimulationResult, subnetName: string): string {
  const head =
    `Subnet ${subnetName} · mechanism ${result.mechanism} · ${result.epochs} epochs · seed ${result.scenario.seed}\n` +
    `Paid: owner ${f(result.totals.ownerTao, 3)} TAO, miners ${f(result.totals.minersTao, 3)} TAO, validators ${
      f(result.totals.validatorsTao, 3)
    } TAO\n` +
    (result.sybilAdvantage === null ? "" : sybilLine(result.sybilAdvantage) + "\n") + "\n"
  const profiles = textTable([
    [
      "miner group",
      "rank",
      "profile",
      "operators",
      "hotkeys",
      "net/operator",
      "emission share",
      "TAO/hotkey",
      "mean I",
      "burn",
      "costs",
    ],
    ...[...result.profiles].sort((a, b) => a.rank - b.rank).map((p) => [
      p.name,
      String(p.rank),
      p.profile,
      String(p.operators),
      String(p.miners),
      f(p.netPerOperatorTao, 3),
      pct(p.emissionShare),
      f(p.perHotkeyTao, 3),
      f(p.meanIncentive, 4),
      f(p.burnTao, 3),
      f(p.costTao, 3),
    ]),
  ])
  const shown = result.operators.slice(0, OPERATOR_ROWS)
  const operators = textTable([
    ["operator", "rank", "profile", "hotkeys", "capacity", "net profit", "earned", "TAO/hotkey", "burn", "costs"],
    ...shown.map((o) => [
      o.name,
      String(o.rank),
      o.profile,
      String(o.hotkeys),
      String(o.capacity),
      f(o.netProfitTao, 3),
      f(o.emissionTao, 3),
      f(o.perHotkeyTao, 3),
      f(o.burnTao, 3),
      f(o.costTao, 3),
    ]),
  ]) + (result.operators.length > shown.length
    ? `… and ${result.operators.length - shown.length} more operators (all in --json and --csv)\n`
    : "")
  const validators = textTable([
    ["validator", "profile", "stake", "dividends", "dividend share", "per TAO staked", "mean trust", "net"],
    ...result.validators.map((v) => [
      v.name,
      v.profile,
      String(v.stake),
      f(v.dividendsTao, 3),
      pct(v.dividendShare),
      f(v.dividendsPerStake, 5),
      f(v.meanValidatorTrust, 4),
      f(v.netProfitTao, 3),
    ]),
  ])
  return head + "Miner groups, ranked by net profit per operator (TAO):\n" + profiles +
    "\nOperators, ranked by net profit (TAO):\n" + operators +
    "\n" + answersText(result) + "\n" + validators + (result.compare.length > 0 ? "\n" + compareText(result) : "")
}

/** The sybil headline in one sentence. */
export function sybilLine(a: SybilAdvantage): string {
  const times = a.ratio === null ? "" : ` (×${f(a.ratio, 2)})`
  return `Sybil advantage: ${a.split.operator} split one model (capacity ${a.capacity}) over ${a.split.hotkeys} hotkeys and netted ` +
    `${f(a.split.netProfitTao, 3)} TAO; the same model on one hotkey netted ${
      f(a.single.netProfitTao, 3)
    } (mean of ${a.single.operators}): ` +
    `${a.differenceTao >= 0 ? "+" : ""}${f(a.differenceTao, 3)} TAO${times}`
}

/** What the scorers said: reasons with their counts, most frequent first. */
export const reasonsLine = (reasons: Readonly<Record<string, number>>) =>
  Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r, n]) => `${r} ×${n}`).join(
    ", ",
  )

/**
 * A group's answers told apart: how they came back (counts that add up to the answers), why the ones that were not
 * "ok" were not (the runtime's details, recorded as "<status>: <detail>"), and what the scorer said (its own string
 * parts; several per answer are possible). Counted together, details and reasons exceeded the answers.
 */
export function answerParts(a: AnswerSummary): {
  readonly details: Readonly<Record<string, number>>
  readonly reasons: Readonly<Record<string, number>>
} {
  const notOk = Object.keys(a.statuses).filter((s) => s !== "ok").map((s) => `${s}: `)
  const isDetail = (reason: string) => notOk.some((prefix) => reason.startsWith(prefix))
  const pick = (keep: (reason: string) => boolean) =>
    Object.fromEntries(Object.entries(a.reasons).filter(([reason]) => keep(reason)))
  return { details: pick(isDetail), reasons: pick((r) => !isDetail(r)) }
}

/** Why "ok" may score 0: the status is how the answer came back, the reward is the scorer's verdict on it. */
export const OK_MEANS =
  `"ok" means the answer came back in time and in the response schema; its reward is the scorer's verdict (a wrong answer is "ok" and may score 0).`

function answersText(result: SimulationResult): string {
  return textTable(
    [
      ["answers of", "scored", "mean reward", "statuses", "why not ok; what the scorer said"],
      ...Object.entries(result.answers).map(([name, a]) => {
        const { details, reasons } = answerParts(a)
        return [
          name,
          String(a.answers),
          f(a.meanReward, 3),
          reasonsLine(a.statuses),
          [reasonsLine(details), Object.keys(reasons).length > 0 ? `scorer: ${reasonsLine(reasons)}` : ""]
            .filter((x) => x !== "").join("; "),
        ]
      }),
    ],
    [3, 4],
  ) + OK_MEANS + "\n"
}

/** One row per profile and validator, one column per mechanism: the same trace under each. */
function compareText(result: SimulationResult): string {
  const runs: ReadonlyArray<SimulationRun> = [result, ...result.compare]
  return "Same answers, scores and weights under each mechanism (share of miner / validator emission):\n" + textTable([
    ["", ...runs.map((r, i) => (i === 0 ? `${r.mechanism} (run)` : r.mechanism))],
    ...result.profiles.map((p, i) => [`miners: ${p.name}`, ...runs.map((r) => pct(r.profiles[i]!.emissionShare))]),
    ...result.validators.map((
      v,
      i,
    ) => [`validator: ${v.name}`, ...runs.map((r) => pct(r.validators[i]!.dividendShare))]),
  ])
}

const CSV_HEAD = [
  "mechanism",
  "kind",
  "name",
  "profile",
  "hotkeys",
  "operators",
  "stake_tao",
  "emission_share",
  "dividend_share",
  "emission_tao",
  "dividends_tao",
  "mean_incentive",
  "burn_tao",
  "cost_tao",
  "net_profit_tao",
  "rank",
]

const csvCell = (
  x: string | number,
) => (typeof x === "number" ? String(x) : /[",\n]/.test(x) ? `"${x.replaceAll("\"", "\"\"")}"` : x)

/** One row per miner group, per miner operator and per validator, for every mechanism run. */
export function summaryCsv(result: SimulationResult): string {
  const rows = [result, ...result.compare].flatMap((r) => [
    ...r.profiles.map((
      p,
    ) => [
      r.mechanism,
      "miners",
      p.name,
      p.profile,
      p.miners,
      p.operators,
      "",
      p.emissionShare,
      "",
      p.emissionTao,
      "",
      p.meanIncentive,
      p.burnTao,
      p.costTao,
      p.netProfitTao,
      p.rank,
    ]),
    ...r.operators.map((
      o,
    ) => [
      r.mechanism,
      "operator",
      o.name,
      o.profile,
      o.hotkeys,
      1,
      "",
      "",
      "",
      o.emissionTao,
      "",
      "",
      o.burnTao,
      o.costTao,
      o.netProfitTao,
      o.rank,
    ]),
    ...r.validators.map((
      v,
    ) => [
      r.mechanism,
      "validator",
      v.name,
      v.profile,
      1,
      1,
      v.stake,
      "",
      v.dividendShare,
      "",
      v.dividendsTao,
      "",
      v.burnTao,
      v.costTao,
      v.netProfitTao,
      "",
    ]),
  ])
  return [CSV_HEAD, ...rows].map((row) => row.map(csvCell).join(",")).join("\n") + "\n"
}
