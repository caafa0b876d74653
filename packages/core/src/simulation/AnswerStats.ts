/**
 * What the validators' scorers said about each miner group's answers over a run: how many, their mean reward, how
 * they came back, the scorer's reasons and the mean of its numeric parts (when the subnet's `score` gives parts).
 * It does not depend on the mechanism, so `--compare` runs share it.
 */
import type { AnswerSummary } from "./SimulationResult.ts"
import { round9 } from "./taoAmounts.ts"
import type { RoundScore } from "./ValidatorProfile.ts"

interface Tally {
  answers: number
  reward: number
  statuses: Record<string, number>
  reasons: Record<string, number>
  parts: Record<string, { sum: number; n: number }>
}

const sorted = <V>(record: Record<string, V>, f: (v: V) => number): Record<string, number> =>
  Object.fromEntries(Object.keys(record).sort().map((k) => [k, f(record[k]!)]))

export class AnswerStats {
  private readonly tallies = new Map<string, Tally>()
  private readonly groupOf: ReadonlyMap<string, string>

  constructor(groups: ReadonlyArray<{ readonly name: string; readonly hotkeys: ReadonlyArray<string> }>) {
    this.groupOf = new Map(groups.flatMap((g) => g.hotkeys.map((hotkey) => [hotkey, g.name] as const)))
  }

  add(scores: ReadonlyArray<RoundScore>): void {
    for (const s of scores) {
      const group = this.groupOf.get(s.hotkey)
      if (group === undefined) continue
      let t = this.tallies.get(group)
      if (t === undefined) this.tallies.set(group, t = { answers: 0, reward: 0, statuses: {}, reasons: {}, parts: {} })
      t.answers++
      t.reward += s.reward
      t.statuses[s.status] = (t.statuses[s.status] ?? 0) + 1
      for (const [key, value] of Object.entries(s.parts ?? {})) {
        if (typeof value === "string") t.reasons[value] = (t.reasons[value] ?? 0) + 1
        else if (typeof value === "number" || typeof value === "boolean") {
          const p = (t.parts[key] ??= { sum: 0, n: 0 })
          p.sum += Number(value)
          p.n++
        }
      }
    }
  }

  summary(groups: ReadonlyArray<string>): Record<string, AnswerSummary> {
    return Object.fromEntries(groups.map((g) => {
      const t = this.tallies.get(g) ?? { answers: 0, reward: 0, statuses: {}, reasons: {}, parts: {} }
      return [g, {
        answers: t.answers,
        meanReward: t.answers === 0 ? 0 : round9(t.reward / t.answers),
        statuses: sorted(t.statuses, (n) => n),
        reasons: sorted(t.reasons, (n) => n),
        meanParts: sorted(t.parts, (p) => round9(p.sum / p.n)),
      }]
    }))
  }
}
