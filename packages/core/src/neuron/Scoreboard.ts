/**
 * The validator's memory of miner quality: an EMA per hotkey over the miners actually queried. Unlike the Python
 * template, unsampled miners do not decay (anchors §2.2), scores follow the hotkey rather than the uid, and a
 * replaced hotkey or a shrunk subnet drops the old entries.
 */
export type Scores = Readonly<Record<string, number>>

/** EMA update for the sampled hotkeys only; a non-finite reward counts as 0, rewards are clamped to [0, 1]. */
export function updateScores(scores: Scores, hotkeys: ReadonlyArray<string>, rewards: ReadonlyArray<number>, alpha: number): Scores {
  const next: Record<string, number> = { ...scores }
  hotkeys.forEach((hotkey, i) => {
    const r = rewards[i]
    const reward = typeof r === "number" && Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0
    next[hotkey] = alpha * reward + (1 - alpha) * (scores[hotkey] ?? 0)
  })
  return next
}

/** Keeps only the hotkeys registered now. */
export function realignScores(scores: Scores, registered: ReadonlyArray<string>): Scores {
  const keep = new Set(registered)
  const hotkeys = Object.keys(scores)
  if (hotkeys.every((hotkey) => keep.has(hotkey))) return scores // the usual step: nobody left, nothing to copy
  return Object.fromEntries(hotkeys.filter((hotkey) => keep.has(hotkey)).map((hotkey) => [hotkey, scores[hotkey]!]))
}

/** The score of each uid of the metagraph, in uid order (0 for hotkeys never scored). */
export const scoresByUid = (scores: Scores, hotkeys: ReadonlyArray<string>): Array<number> => hotkeys.map((h) => scores[h] ?? 0)
