/**
 * Median milliseconds per exact Yuma epoch on dense seeded random weights: every uid is a validator that weights
 * every other uid and holds a bond to it (2·n² entries), the worst case for the O(n²) steps. Rows are passed in the
 * compact form a chain stores (`U16Row`); one row measures `[uid, value]` pair input for comparison.
 * Goal (issue #2): Yuma 3 at n=256 < 20 ms, n=1024 < 250 ms.
 */
import { yuma } from "../packages/mechanisms/src/index.ts"
import { randomEpochInput } from "../packages/mechanisms/src/testing/randomEpochInput.ts"

export interface EpochBenchRow {
  readonly mechanism: string
  readonly n: number
  readonly runs: number
  readonly medianMs: number
  readonly minMs: number
}

function median(xs: Array<number>): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

export function benchYumaEpoch(sizes: ReadonlyArray<number> = [64, 256, 1024]): Array<EpochBenchRow> {
  const variants = [
    { label: "yuma3 (exact)", mechanism: yuma({ yuma3: true }), compact: true },
    { label: "yuma3 (exact), pair rows", mechanism: yuma({ yuma3: true }), compact: false },
    { label: "yuma3 + liquid alpha (exact)", mechanism: yuma({ yuma3: true, liquidAlpha: true }), compact: true },
    { label: "yuma2 (exact)", mechanism: yuma({ yuma3: false }), compact: true },
  ]
  const rows: Array<EpochBenchRow> = []
  for (const { label, mechanism, compact } of variants) {
    for (const n of sizes) {
      const input = randomEpochInput({ n, seed: 2024 + n, validatorFraction: 1, density: 1, compact })
      const runs = n >= 1024 ? 9 : n >= 256 ? 31 : 61
      mechanism.epoch(input) // warm-up (JIT)
      const times: Array<number> = []
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now()
        mechanism.epoch(input)
        times.push(performance.now() - t0)
      }
      rows.push({ mechanism: label, n, runs, medianMs: median(times), minMs: Math.min(...times) })
    }
  }
  return rows
}
