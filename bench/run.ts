/**
 * `pnpm bench`: runs every benchmark and prints a table (or `--json`). Numbers, not pass/fail: compare them with
 * the goals in each benchmark's comment and record them in the issue note.
 */
import { benchYumaEpoch } from "./yumaEpoch.ts"

const json = process.argv.includes("--json")
const only = process.argv.find((a) => a.startsWith("--sizes="))
const sizes = only ? only.slice("--sizes=".length).split(",").map(Number) : undefined

const epochs = benchYumaEpoch(sizes)
if (json) {
  console.log(JSON.stringify({ yumaEpoch: epochs }, null, 2))
} else {
  console.log(`Yuma epoch, dense random weights (node ${process.version})`)
  console.table(epochs.map((r) => ({ mechanism: r.mechanism, n: r.n, runs: r.runs, "median ms": r.medianMs.toFixed(2), "min ms": r.minMs.toFixed(2) })))
}
