/**
 * Median milliseconds per exact Yuma epoch on seeded random weights, in two layouts:
 * - "dense (every neuron a validator)": every uid weights every other uid and holds a bond to it (2·n² entries),
 *   the worst case for the O(n²) steps;
 * - "64 validators": 64 validators with dense weights and bonds over all n uids, the shape of a real subnet
 *   (`MaxAllowedValidators` 64) and of the measurement.
 * Rows are passed in the compact form a chain stores (`U16Row`); one row measures `[uid, value]` pair input, and one
 * a subnet with two incentive mechanisms (`epochWithMechanisms`, each mechanism its own random weights and bonds).
 * Goals (issue #19): Yuma 3 + liquid alpha with 64 validators ≤ 30 ms at n = 256 and ≤ 410 ms at n = 1024 (the
 * runtime's native `epoch`); Yuma 3 without liquid alpha no slower than before (16 ms at n = 256 dense); two
 * mechanisms about twice one (issue #25: the per-mechanism epochs are today's, the fold is O(n)).
 */
import type { EpochInput, Mechanism } from "../packages/mechanisms/src/index.ts"
import { epochWithMechanisms, yuma } from "../packages/mechanisms/src/index.ts"
import { randomEpochInput } from "../packages/mechanisms/src/testing/randomEpochInput.ts"

export interface EpochBenchRow {
  readonly mechanism: string
  readonly layout: string
  readonly n: number
  readonly runs: number
  readonly medianMs: number
  readonly minMs: number
}

function median(xs: Array<number>): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const LAYOUTS = [
  { label: "dense (every neuron a validator)", validators: (n: number) => n },
  { label: "64 validators", validators: (n: number) => Math.min(64, n) },
]

/** `mechanism` on `input`, or on the subnet with a second mechanism whose weights and bonds are `second`'s. */
function runner(mechanism: Mechanism, input: EpochInput, second: EpochInput | null): () => unknown {
  if (second === null) return () => mechanism.epoch(input)
  const { weights, bonds, lastUpdate, commitBlocks, ...subnet } = input
  const own = { weights: second.weights, bonds: second.bonds, lastUpdate: second.lastUpdate, commitBlocks: null }
  const mechanisms = [{ weights, bonds, lastUpdate, commitBlocks }, own]
  const subnetInput = { ...subnet, emissionSplit: [45875, 19660], mechanisms } // 70% / 30%
  return () => epochWithMechanisms(mechanism, subnetInput)
}

export function benchYumaEpoch(sizes: ReadonlyArray<number> = [64, 256, 1024]): Array<EpochBenchRow> {
  const variants = [
    { label: "yuma3 (exact)", mechanism: yuma({ yuma3: true }), compact: true },
    { label: "yuma3 (exact), pair rows", mechanism: yuma({ yuma3: true }), compact: false },
    { label: "yuma3 + liquid alpha (exact)", mechanism: yuma({ yuma3: true, liquidAlpha: true }), compact: true },
    { label: "yuma2 (exact)", mechanism: yuma({ yuma3: false }), compact: true },
    { label: "yuma3 (exact), 2 mechanisms", mechanism: yuma({ yuma3: true }), compact: true, mechanisms: 2 },
  ]
  const rows: Array<EpochBenchRow> = []
  for (const { label, mechanism, compact, mechanisms } of variants) {
    for (const layout of LAYOUTS) {
      for (const n of sizes) {
        const validatorFraction = layout.validators(n) / n
        const input = randomEpochInput({ n, seed: 2024 + n, validatorFraction, density: 1, compact })
        const second = mechanisms === 2
          ? randomEpochInput({ n, seed: 4048 + n, validatorFraction, density: 1, compact })
          : null
        const run = runner(mechanism, input, second)
        const runs = n >= 1024 && validatorFraction > 0.5 ? 9 : n >= 256 ? 31 : 61
        run() // warm-up (JIT)
        const times: Array<number> = []
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now()
          run()
          times.push(performance.now() - t0)
        }
        rows.push({
          mechanism: label,
          layout: layout.label,
          n,
          runs,
          medianMs: median(times),
          minMs: Math.min(...times),
        })
      }
    }
  }
  return rows
}
