/**
 * Where new replicas go: serving miners not already holding the chunk, not failing and not recently full, preferred
 * by incentive against the load they already carry (a miner with twice the average incentive takes about three
 * times the replicas), and spread over distinct coldkeys first, so one operator's hotkeys do not hold every copy.
 */

export interface Candidate {
  readonly hotkey: string
  readonly coldkey: string
  /** Incentive (I), in [0, 1]. */
  readonly incentive: number
  /** Replicas it holds now. */
  readonly load: number
  readonly uid: number
}

/** Up to `count` holders from `candidates`, none in `exclude`, distinct coldkeys first (also distinct from `takenColdkeys`). */
export function chooseHolders(
  candidates: ReadonlyArray<Candidate>,
  count: number,
  exclude: ReadonlySet<string>,
  takenColdkeys: ReadonlySet<string> = new Set(),
): Array<Candidate> {
  const n = Math.max(1, candidates.length)
  const ranked = candidates
    .filter((c) => !exclude.has(c.hotkey))
    .map((c) => ({ c, cost: c.load / (1 + n * c.incentive) }))
    .sort((a, b) => a.cost - b.cost || a.c.uid - b.c.uid)
    .map((r) => r.c)
  const chosen: Array<Candidate> = []
  const coldkeys = new Set(takenColdkeys)
  for (const c of ranked) {
    if (chosen.length === count) break
    if (!coldkeys.has(c.coldkey)) {
      chosen.push(c)
      coldkeys.add(c.coldkey)
    }
  }
  for (const c of ranked) {
    if (chosen.length === count) break
    if (!chosen.includes(c)) chosen.push(c)
  }
  return chosen
}
