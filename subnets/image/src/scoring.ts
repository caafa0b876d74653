/**
 * Scoring, after the best-known image subnet (SN34's online-labeling era, docs/anchors.md §4.2): each answer is right
 * or wrong; a miner's weight is `0.5 · MCC(last 100) + 0.5 · accuracy(last 10)`, timeouts and errors counted wrong.
 *
 * Two changes for four classes instead of SN34's two, both so that guessing earns nothing:
 * - MCC is the multi-class form (Gorodkin's R_K over the confusion matrix, a "no answer" column for timeouts),
 *   clamped at 0: a constant labeller has MCC 0, a random one about 0.
 * - accuracy is counted above chance, `(accuracy − 1/K) / (1 − 1/K)` clamped at 0: raw accuracy would pay a
 *   constant or random labeller 1/K = 0.25 of its half, 0.125 of the score.
 *
 * The weight a validator sets is the score squared (`SHARPNESS`), as SN34 and SN1 shape theirs with exponents: the
 * clamps keep a guesser's noise, so its score is small but positive on average (≈ 0.04–0.07 over 10 recent answers),
 * and six guessers beside four honest miners would take 7% of the emission; squared, 0.05 becomes 0.0025 while an
 * honest 0.98 stays 0.96.
 */
import type { Answer, Scored, ScoredResult } from "@subnetkit/core"
import { LABELS } from "./shapes.ts"

/** How many recent results each term reads. */
export const WINDOWS = { mcc: 100, accuracy: 10 } as const

export interface ImageResponse {
  readonly label: string
}

/** The class index an answer names: -1 for no answer or a label outside the subnet's. */
export const classOf = (
  label: string | undefined,
  labels: ReadonlyArray<string> = LABELS,
): number => (label === undefined ? -1 : labels.indexOf(label))

/**
 * One reward per answer: 1 when the label is the truth; the parts keep both classes for the MCC, and the number of
 * labels (a validator's settings choose them, so the scoreboard reads it from the results).
 */
export function scoreAnswers(
  answers: ReadonlyArray<Answer<ImageResponse>>,
  truth: string,
  labels: ReadonlyArray<string> = LABELS,
): Array<Scored> {
  const t = labels.indexOf(truth)
  return answers.map((a) => {
    const predicted = a.status === "ok" ? classOf(a.response?.label, labels) : -1
    return {
      score: predicted === t ? 1 : 0,
      parts: { truthClass: t, predictedClass: predicted, classes: labels.length },
    }
  })
}

/** The label count the latest result was scored over; the four shapes' for results without one. */
const classesOf = (results: ReadonlyArray<ScoredResult>): number => {
  const classes = results.at(-1)?.parts?.["classes"]
  return typeof classes === "number" && Number.isInteger(classes) && classes >= 2 ? classes : LABELS.length
}

/**
 * Multi-class Matthews correlation of (truth, predicted) pairs (predicted −1 = no answer): 1 when every answer is
 * right, 0 when the predictions carry no information (constant) or there are no pairs, negative when worse than that.
 */
export function mcc(pairs: ReadonlyArray<readonly [number, number]>): number {
  const n = pairs.length
  if (n === 0) return 0
  const t = new Map<number, number>()
  const p = new Map<number, number>()
  let correct = 0
  for (const [truth, predicted] of pairs) {
    t.set(truth, (t.get(truth) ?? 0) + 1)
    p.set(predicted, (p.get(predicted) ?? 0) + 1)
    if (truth === predicted) correct++
  }
  let tp = 0
  for (const [k, count] of t) tp += count * (p.get(k) ?? 0)
  const sumSq = (m: Map<number, number>) => [...m.values()].reduce((s, v) => s + v * v, 0)
  const denominator = Math.sqrt((n * n - sumSq(p)) * (n * n - sumSq(t)))
  return denominator === 0 ? 0 : (correct * n - tp) / denominator
}

/** Accuracy above what guessing among `classes` labels gets: 0 at or below 1/K, 1 when all right. */
export const aboveChance = (accuracy: number, classes: number = LABELS.length): number =>
  Math.max(0, (accuracy - 1 / classes) / (1 - 1 / classes))

/** The exponent from score to weight. */
export const SHARPNESS = 2

/** A miner's score and weight, with the terms, from its recent results (oldest first), over `classes` labels. */
export function weightParts(results: ReadonlyArray<ScoredResult>, classes: number = classesOf(results)): {
  readonly mcc: number
  readonly accuracy: number
  /** `0.5 · mcc + 0.5 · aboveChance(accuracy)`, in [0, 1]. */
  readonly score: number
  /** `score ** SHARPNESS`: what the validator sets. */
  readonly weight: number
} {
  const pairs = results.slice(-WINDOWS.mcc).map((r) => {
    const truth = r.parts?.["truthClass"]
    const predicted = r.parts?.["predictedClass"]
    // A result without classes (e.g. saved by another version) counts as a wrong answer to class 0.
    return [
      typeof truth === "number" ? truth : 0,
      typeof predicted === "number" && r.status === "ok" ? predicted : -1,
    ] as const
  })
  const recent = results.slice(-WINDOWS.accuracy)
  const accuracy = recent.reduce((s, r) => s + (r.status === "ok" ? r.reward : 0), 0) / Math.max(1, recent.length)
  const m = Math.max(0, mcc(pairs))
  const score = 0.5 * m + 0.5 * aboveChance(accuracy, classes)
  return { mcc: m, accuracy, score, weight: score ** SHARPNESS }
}

/** The scoreboard's `weigh` for `classes` labels (default: the four shapes). */
export const weighFor = (classes: number) => (results: ReadonlyArray<ScoredResult>): number =>
  weightParts(results, classes).weight

/** The scoreboard's `weigh`: over the label count the results were scored with (the four shapes if they do not say). */
export const weigh = (results: ReadonlyArray<ScoredResult>): number => weightParts(results).weight
