/**
 * Miner operators as the unit of profit: each operator's earnings over its hotkeys, net of the burns it paid and its
 * running costs, ranked; and the sybil headline — does splitting one model over several hotkeys pay?
 */
import type { OperatorSummary, SybilAdvantage } from "./SimulationResult.ts"
import { round9, tao } from "./taoAmounts.ts"

export interface OperatorSetup {
  readonly name: string
  readonly hotkeys: ReadonlyArray<string>
  readonly serviceMs: number
  readonly capacity: number
}

/** Profiles that run the real model on every task: between them, only the number of hotkeys differs. */
const FULL_MODEL_PROFILES: ReadonlySet<string> = new Set(["honest", "sybil"])

/** Every operator of every group, best net profit first (ties: scenario order). */
export function operatorSummaries(
  groups: ReadonlyArray<
    {
      readonly name: string
      readonly profile: string
      readonly operators: ReadonlyArray<OperatorSetup>
      readonly costTaoPerOperator: number
    }
  >,
  earnedRao: (hotkey: string) => bigint,
  burnRao: (hotkey: string) => bigint,
): Array<OperatorSummary> {
  const unranked = groups.flatMap((g) =>
    g.operators.map((o) => {
      const earned = o.hotkeys.reduce((sum, h) => sum + earnedRao(h), 0n)
      const burn = o.hotkeys.reduce((sum, h) => sum + burnRao(h), 0n)
      return {
        name: o.name,
        group: g.name,
        profile: g.profile,
        hotkeys: o.hotkeys.length,
        capacity: o.capacity,
        serviceMs: o.serviceMs,
        emissionTao: round9(tao(earned)),
        perHotkeyTao: round9(tao(earned) / Math.max(1, o.hotkeys.length)),
        burnTao: round9(tao(burn)),
        costTao: round9(g.costTaoPerOperator),
        netProfitTao: round9(tao(earned - burn) - g.costTaoPerOperator),
      }
    })
  )
  const sorted = unranked.map((o, i) => ({ o, i })).sort((a, b) => b.o.netProfitTao - a.o.netProfitTao || a.i - b.i)
  return sorted.map(({ o }, k) => ({ ...o, rank: k + 1 }))
}

/**
 * The largest advantage of splitting a model over hotkeys, over all models that some operator kept on one hotkey.
 * "The same model" is the same capacity, service time and running cost over the run (so also the same epochs).
 */
export function sybilAdvantage(operators: ReadonlyArray<OperatorSummary>): SybilAdvantage | null {
  const full = operators.filter((o) => FULL_MODEL_PROFILES.has(o.profile))
  const modelOf = (o: OperatorSummary) => `${o.capacity}/${o.serviceMs}/${o.costTao}`
  let best: SybilAdvantage | null = null
  for (const model of new Set(full.map(modelOf))) {
    const same = full.filter((o) => modelOf(o) === model)
    const singles = same.filter((o) => o.hotkeys === 1)
    const split = same.filter((o) => o.hotkeys > 1).sort((a, b) => b.netProfitTao - a.netProfitTao)[0]
    if (singles.length === 0 || split === undefined) continue
    const single = round9(singles.reduce((s, o) => s + o.netProfitTao, 0) / singles.length)
    const candidate: SybilAdvantage = {
      capacity: split.capacity,
      serviceMs: split.serviceMs,
      split: { operator: split.name, hotkeys: split.hotkeys, netProfitTao: split.netProfitTao },
      single: { operators: singles.length, netProfitTao: single },
      differenceTao: round9(split.netProfitTao - single),
      ratio: single > 0 ? round9(split.netProfitTao / single) : null,
    }
    if (best === null || candidate.differenceTao > best.differenceTao) best = candidate
  }
  return best
}
