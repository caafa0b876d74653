/**
 * Applying a subnet's `Scoreboard` (src/subnet/scoreboards.ts) to the validator's entries: results recorded for the
 * miners a round rewarded only, entries follow the hotkey rather than the uid, and a replaced hotkey or a shrunk
 * subnet drops the old entries. Entries are a Map: every step copies them (the state is replaced only once saved),
 * and a Map of 256 miners copies in a tenth of the time an object keyed by hotkey does.
 */
import { uidsByHotkey } from "../metagraph/Metagraph.ts"
import type { Scoreboard, ScoredResult } from "../subnet/scoreboards.ts"
import { clampReward } from "../subnet/scoreboards.ts"

/** Scoreboard entries by hotkey. */
export type Entries = ReadonlyMap<string, unknown>

/** The entries after these results (one per rewarded hotkey); rewards are clamped to [0, 1], NaN counts as 0. */
export function recordResults(
  entries: Entries,
  results: ReadonlyArray<{ readonly hotkey: string } & ScoredResult>,
  board: Scoreboard<any>,
): Entries {
  const next = new Map(entries)
  for (const r of results) {
    const reward = clampReward(r.reward)
    next.set(r.hotkey, board.update(next.get(r.hotkey), reward === r.reward ? r : { ...r, reward }))
  }
  return next
}

/** Keeps only the hotkeys registered now. */
export function realignScores(entries: Entries, registered: ReadonlyArray<string>): Entries {
  const keep = uidsByHotkey({ hotkeys: registered })
  for (const hotkey of entries.keys()) {
    if (!keep.has(hotkey)) return new Map([...entries].filter(([h]) => keep.has(h)))
  }
  return entries // the usual step: nobody left, nothing to copy
}

/** The weight each uid's entry asks for, in uid order (0 for hotkeys never scored). */
export const weightsByUid = (entries: Entries, hotkeys: ReadonlyArray<string>, board: Scoreboard<any>): Array<number> =>
  hotkeys.map((h) => {
    const entry = entries.get(h)
    return entry === undefined ? 0 : board.weight(entry)
  })

/** Entries as the state file keeps them: an object by hotkey. */
export const entriesToRecord = (entries: Entries): Record<string, unknown> => Object.fromEntries(entries)
