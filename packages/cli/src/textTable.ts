/**
 * A plain-text table, a rule under the header: the first column and the `text` columns left-aligned (words), the
 * others right-aligned (numbers).
 */
export function textTable(rows: ReadonlyArray<ReadonlyArray<string>>, text: ReadonlyArray<number> = []): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  const left = (c: number) => c === 0 || text.includes(c)
  const line = (row: ReadonlyArray<string>) =>
    row.map((cell, c) => (left(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd()
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n") + "\n"
}
