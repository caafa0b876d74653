/**
 * Applying a subnet's `Scoreboard` (src/subnet/scoreboards.ts) to the validator's entries: results recorded for the
 * miners a round rewarded only, entries follow the hotkey rather than the uid, and a replaced hotkey or a shrunk
 * subnet drops the old entries.
 */
import type { Scoreboard, ScoredResult } from "../subnet/scoreboards.ts"
import { clampReward } from "../subnet/scoreboards.ts"

export type Entries = Readonly<Record<string, unknown>>

/** The entries after these results (one per rewarded hotkey); rewards are clamped to [0, 1], NaN counts as 0. */
export function recordResults(entries: Entries, results: ReadonlyArray<{ readonly hotkey: string } & ScoredResult>, board: Scoreboard<any>): Entries {
  const next: Record<string, unknown> = { ...entries }
  for (const r of results) {
    const reward = clampReward(r.reward)
    next[r.hotkey] = board.update(next[r.hotkey], reward === r.reward ? r : { ...r, reward })
  }
  return next
}

/** Keeps only the hotkeys registered now. */
export function realignScores<E extends Entries>(entries: E, registered: ReadonlyArray<string>): E {
  const keep = new Set(registered)
  const hotkeys = Object.keys(entries)
  if (hotkeys.every((hotkey) => keep.has(hotkey))) return entries // the usual step: nobody left, nothing to copy
  return Object.fromEntries(hotkeys.filter((hotkey) => keep.has(hotkey)).map((hotkey) => [hotkey, entries[hotkey]])) as E
}

/** The weight each uid's entry asks for, in uid order (0 for hotkeys never scored). */
export const weightsByUid = (entries: Entries, hotkeys: ReadonlyArray<string>, board: Scoreboard<any>): Array<number> =>
  hotkeys.map((h) => (entries[h] === undefined ? 0 : board.weight(entries[h])))
