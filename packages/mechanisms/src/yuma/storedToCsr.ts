/**
 * Stored weights or bonds rows (u16, as the chain keeps them) → an I32F32 matrix with the runtime's masks applied.
 * Every mask the epoch applies to stored rows has one shape — (i, j) is read only if uid j registered before a
 * block that depends on the row (yuma-spec §3.5, §3.9) — plus the diagonal rule for weights, so the masks are
 * passed as data: a per-entry callback here cost a fifth of a dense epoch.
 */
import { ONE, u16Proportion } from "../fixed/fixed.ts"
import type { SparseRowU16 } from "../Mechanism.ts"
import type { Csr } from "./csr.ts"
import { CsrBuilder } from "./csr.ts"

export interface StoredMask {
  /** `BlockAtRegistration` per uid. */
  readonly blockAtRegistration: ReadonlyArray<number>
  /** Row i keeps (i, j) only when blockAtRegistration[j] < registeredBefore[i]; −∞ drops the row. */
  readonly registeredBefore: ArrayLike<number>
  /** Drop every (i, i) except this uid's (`null`: all of them); `undefined` keeps the diagonal. */
  readonly maskDiagonalExcept?: number | null
  /** Values as u16 proportions (x / 65535, Yuma 3 bonds) instead of raw u16 values (weights, Yuma 2 bonds). */
  readonly proportions: boolean
}

/** The rows as a matrix, masked; uids ≥ n are dropped, as on chain. Entry order within a row is kept. */
export function storedToCsr(rows: ReadonlyArray<SparseRowU16>, n: number, mask: StoredMask): Csr {
  let capacity = 0
  for (const row of rows) capacity += "uids" in row ? row.uids.length : row.length
  const out = new CsrBuilder(n, capacity)
  const { blockAtRegistration: bar, registeredBefore, maskDiagonalExcept: owner, proportions } = mask
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    const before = registeredBefore[i]!
    const diagonal = owner === undefined || owner === i ? -1 : i // the one column this row drops, if any
    if (before === -Infinity) {
      // a dropped row: nothing to read
    } else if ("uids" in row) {
      for (let k = 0; k < row.uids.length; k++) {
        const j = row.uids[k]!
        if (j < n && j !== diagonal && bar[j]! < before) {
          out.push(j, proportions ? u16Proportion(row.values[k]!) : row.values[k]! * ONE)
        }
      }
    } else {
      for (let k = 0; k < row.length; k++) {
        const entry = row[k]!
        const j = entry[0]
        if (j < n && j !== diagonal && bar[j]! < before) {
          out.push(j, proportions ? u16Proportion(entry[1]) : entry[1] * ONE)
        }
      }
    }
    out.endRow()
  }
  return out.done()
}
