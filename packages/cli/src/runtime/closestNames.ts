/** "Did you mean" for a mistyped name: the known names within a few edits of it (effect/cli does its own flags). */

/** Levenshtein distance: inserts, deletes and substitutions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[b.length]!
}

/** The known names closest to `name`, at most a third of its length away (at least one edit), nearest first. */
export function closestNames(name: string, known: ReadonlyArray<string>): Array<string> {
  const limit = Math.max(1, Math.floor(name.length / 3))
  const scored = known.map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) })).filter((s) => s.d <= limit)
  const best = Math.min(...scored.map((s) => s.d))
  return scored.filter((s) => s.d === best).map((s) => s.k)
}
