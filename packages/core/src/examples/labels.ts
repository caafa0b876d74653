/**
 * A hidden-truth subnet: the validator draws a label (rising, falling or flat), makes a noisy series with that trend
 * and sends only the series; miners label it; the validator scores each label against the truth it kept. The label
 * never travels: `generate` returns `{ task, truth }` and only `task` is encoded for the wire. Its scoreboard pays
 * accuracy above chance over a miner's recent answers, so a constant or random labeller earns nothing.
 */
import { Effect, Schema } from "effect"
import type { SeededRandom } from "../subnet/contexts.ts"
import { defineSubnet } from "../subnet/defineSubnet.ts"
import type { ScoredResult } from "../subnet/scoreboards.ts"
import { recentResults } from "../subnet/scoreboards.ts"

const Trend = Schema.Literals(["rising", "falling", "flat"])
type Trend = typeof Trend.Type
const TRENDS: ReadonlyArray<Trend> = ["rising", "falling", "flat"]
const LENGTH = 16

/** A series with `trend`: a slope of 0.2–1 per step (0 when flat) plus uniform noise of ±0.1. */
function series(trend: Trend, random: SeededRandom): Array<number> {
  const slope = trend === "flat" ? 0 : (trend === "rising" ? 1 : -1) * (0.2 + 0.8 * random.next())
  const start = 10 * random.next()
  return Array.from(
    { length: LENGTH },
    (_, i) => Math.round((start + slope * i + 0.2 * (random.next() - 0.5)) * 1000) / 1000,
  )
}

/** Accuracy above what guessing gets (a third): 0 for a constant or random labeller, 1 for a perfect one. */
const aboveChance = (results: ReadonlyArray<ScoredResult>): number => {
  const accuracy = results.reduce((a, r) => a + r.reward, 0) / Math.max(1, results.length)
  return Math.max(0, (accuracy - 1 / 3) / (1 - 1 / 3))
}

/** The honest miner: the difference between the series' ends, against a threshold the noise cannot reach. */
export function classify(values: ReadonlyArray<number>): Trend {
  const rise = values.at(-1)! - values[0]!
  return rise > 1 ? "rising" : rise < -1 ? "falling" : "flat"
}

export const labels = defineSubnet({
  name: "labels",
  version: "1.0.0",
  task: Schema.Struct({ series: Schema.Array(Schema.Finite).pipe(Schema.check(Schema.isBetweenLength(2, 256))) }),
  response: Schema.Struct({ label: Trend }),
  truth: Trend,
  // Each answer is right or wrong; the weight is the accuracy over a miner's last 30 answers, above chance.
  scoreboard: recentResults({ size: 30, weigh: aboveChance }),
  miner: (task) => Effect.succeed({ label: classify(task.series) }),
  validator: {
    generate: (ctx) =>
      Effect.sync(() => {
        const truth = TRENDS[ctx.random.int(TRENDS.length)]!
        return { task: { series: series(truth, ctx.random) }, truth }
      }),
    score: (_task, answers, ctx) =>
      Effect.succeed(answers.map((a) => (a.status === "ok" && a.response?.label === ctx.truth ? 1 : 0))),
  },
})
