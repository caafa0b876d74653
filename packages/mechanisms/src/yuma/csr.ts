/**
 * The epoch's sparse matrices, in compressed-row form, with the runtime's `epoch/math.rs` helpers on exact I32F32
 * Number bits (`fixed.ts`). Rows keep the runtime's entry order: outputs depend on it through explicit zero entries
 * and merge walks. One buffer per matrix rather than one per row: a dense n = 1024 epoch moves millions of entries,
 * and allocation is what costs most at that size.
 */
import { div, mul } from "../fixed/fixed.ts"

/** An n × n sparse matrix: row i's entries are `[start[i], start[i+1])` of `j` (column) and `v` (I32F32 raw). */
export interface Csr {
  readonly n: number
  readonly start: Int32Array
  readonly j: Uint16Array
  readonly v: Float64Array
}

/** Builds a matrix row by row; `push` appends to the current row, `endRow` closes it. */
export class CsrBuilder {
  private readonly start: Int32Array
  private j: Uint16Array
  private v: Float64Array
  private row = 0
  private size = 0

  constructor(readonly n: number, capacity: number) {
    this.start = new Int32Array(n + 1)
    this.j = new Uint16Array(Math.max(capacity, 16))
    this.v = new Float64Array(Math.max(capacity, 16))
  }

  push(j: number, v: number): void {
    if (this.size === this.j.length) this.grow()
    this.j[this.size] = j
    this.v[this.size++] = v
  }

  endRow(): void {
    this.start[++this.row] = this.size
  }

  done(): Csr {
    while (this.row < this.n) this.endRow()
    return { n: this.n, start: this.start, j: this.j, v: this.v }
  }

  private grow(): void {
    const j = new Uint16Array(this.j.length * 2)
    const v = new Float64Array(this.v.length * 2)
    j.set(this.j)
    v.set(this.v)
    this.j = j
    this.v = v
  }
}

export const entries = (m: Csr): number => m.start[m.n]!

/** The same pattern with new values. */
const withValues = (m: Csr, v: Float64Array): Csr => ({ n: m.n, start: m.start, j: m.j, v })

export function sum(xs: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < xs.length; k++) s += xs[k]!
  return s
}

/** `inplace_normalize`: divide by the sum unless it is 0. */
export function normalize(xs: ReadonlyArray<number>): Array<number> {
  const s = sum(xs)
  return s === 0 ? xs.slice() : xs.map((x) => div(x, s))
}

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it. Overwrites `m`'s values. */
export function rowNormalizeInPlace(m: Csr): Csr {
  const v = m.v
  for (let i = 0; i < m.n; i++) {
    let s = 0
    for (let k = m.start[i]!; k < m.start[i + 1]!; k++) s += v[k]!
    if (s > 0) { for (let k = m.start[i]!; k < m.start[i + 1]!; k++) v[k] = div(v[k]!, s) }
  }
  return m
}

/** Per-column sum, or maximum. */
export function columnTotals(m: Csr, max: boolean): Float64Array {
  const out = new Float64Array(m.n)
  for (let k = 0; k < entries(m); k++) {
    const c = m.j[k]!
    const x = m.v[k]!
    out[c] = max ? (out[c]! < x ? x : out[c]!) : out[c]! + x
  }
  return out
}

/** Each entry divided by its column's total, where the total is not 0. */
function divideColumns(m: Csr, totals: Float64Array): Csr {
  const v = new Float64Array(entries(m))
  for (let k = 0; k < v.length; k++) {
    const t = totals[m.j[k]!]!
    v[k] = t !== 0 ? div(m.v[k]!, t) : m.v[k]!
  }
  return withValues(m, v)
}

/** `inplace_col_normalize_sparse`. */
export const colNormalize = (m: Csr): Csr => divideColumns(m, columnTotals(m, false))

/** `inplace_col_max_upscale_sparse`. */
export const colMaxUpscale = (m: Csr): Csr => divideColumns(m, columnTotals(m, true))

/** `row_sum_sparse`. */
export function rowSums(m: Csr): Array<number> {
  const out = new Array<number>(m.n)
  for (let i = 0; i < m.n; i++) {
    let s = 0
    for (let k = m.start[i]!; k < m.start[i + 1]!; k++) s += m.v[k]!
    out[i] = s
  }
  return out
}

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij. */
export function weightedColumnSums(m: Csr, vector: ReadonlyArray<number>): Array<number> {
  const out = new Float64Array(m.n)
  for (let i = 0; i < m.n; i++) {
    const scale = vector[i] ?? 0
    for (let k = m.start[i]!; k < m.start[i + 1]!; k++) out[m.j[k]!] = out[m.j[k]!]! + mul(scale, m.v[k]!)
  }
  return Array.from(out)
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij. */
export function weightedRowSums(m: Csr, vector: ReadonlyArray<number>): Array<number> {
  const out = new Array<number>(m.n)
  for (let i = 0; i < m.n; i++) {
    let acc = 0
    for (let k = m.start[i]!; k < m.start[i + 1]!; k++) acc += mul(vector[m.j[k]!] ?? 0, m.v[k]!)
    out[i] = acc
  }
  return out
}

/** `row_hadamard_sparse`: row i scaled by vector_i. */
export function scaleRows(m: Csr, vector: ReadonlyArray<number>): Csr {
  const v = new Float64Array(entries(m))
  for (let i = 0; i < m.n; i++) {
    const scale = vector[i] ?? 0
    for (let k = m.start[i]!; k < m.start[i + 1]!; k++) v[k] = mul(m.v[k]!, scale)
  }
  return withValues(m, v)
}

/** `col_clip_sparse`: entries above their column's threshold become the threshold (dropped when it is ≤ 0). */
export function colClip(m: Csr, threshold: ReadonlyArray<number>): Csr {
  const out = new CsrBuilder(m.n, entries(m))
  for (let i = 0; i < m.n; i++) {
    for (let k = m.start[i]!; k < m.start[i + 1]!; k++) {
      const th = threshold[m.j[k]!]!
      const x = m.v[k]!
      if (th < x) {
        if (th > 0) out.push(m.j[k]!, th)
      } else {
        out.push(m.j[k]!, x)
      }
    }
    out.endRow()
  }
  return out.done()
}

/**
 * Per-row dense work with sparse output, as the runtime's densify-then-keep-positive loops do: `fill(i, acc, touch)`
 * adds row i into the zeroed accumulator and reports each column it writes; entries > 0 are kept in column order.
 * Untouched columns stay 0 and are never kept, so for a sparse row sorting the touched columns equals scanning all
 * n; a dense row is scanned.
 */
export function densePerRow(
  n: number,
  capacity: number,
  rowSize: (i: number) => number,
  fill: (i: number, acc: Float64Array, touch: ((c: number) => void) | null) => void,
): Csr {
  const out = new CsrBuilder(n, capacity)
  const acc = new Float64Array(n)
  const touched = new Uint8Array(n)
  const list = new Int32Array(n)
  let count = 0
  const touch = (c: number) => {
    if (touched[c] === 0) {
      touched[c] = 1
      list[count++] = c
    }
  }
  for (let i = 0; i < n; i++) {
    if (rowSize(i) * 8 >= n) {
      fill(i, acc, null)
      for (let c = 0; c < n; c++) {
        if (acc[c]! > 0) out.push(c, acc[c]!)
      }
      acc.fill(0)
    } else {
      count = 0
      fill(i, acc, touch)
      const cols = list.subarray(0, count).sort()
      for (let t = 0; t < count; t++) {
        const c = cols[t]!
        if (acc[c]! > 0) out.push(c, acc[c]!)
        acc[c] = 0
        touched[c] = 0
      }
    }
    out.endRow()
  }
  return out.done()
}

/** Entries in row i of each matrix together. */
export const rowSizes = (...ms: ReadonlyArray<Csr>) => (i: number): number => {
  let size = 0
  for (const m of ms) size += m.start[i + 1]! - m.start[i]!
  return size
}

/**
 * `interpolate_sparse`: m1 + ratio·(m2 − m1). Ratio 0 and 1 return a matrix unchanged (explicit zeros kept);
 * otherwise rows are densified and only positive entries are kept, in column order.
 */
export function interpolate(m1: Csr, m2: Csr, ratio: number): Csr {
  if (ratio === 0) return m1
  if (ratio === 4294967296) return m2
  const other = new Float64Array(m1.n)
  return densePerRow(m1.n, entries(m1) + entries(m2), rowSizes(m1, m2), (i, acc, touch) => {
    // acc holds m1's row (a later duplicate overwrites, as in the runtime), `other` m2's.
    for (let k = m1.start[i]!; k < m1.start[i + 1]!; k++) {
      acc[m1.j[k]!] = m1.v[k]!
      touch?.(m1.j[k]!)
    }
    for (let k = m2.start[i]!; k < m2.start[i + 1]!; k++) {
      other[m2.j[k]!] = m2.v[k]!
      touch?.(m2.j[k]!)
    }
    for (let k = m1.start[i]!; k < m1.start[i + 1]!; k++) mix(m1.j[k]!)
    for (let k = m2.start[i]!; k < m2.start[i + 1]!; k++) mix(m2.j[k]!)
    function mix(c: number) {
      if (other[c] === -1) return // done (values are ≥ 0, so -1 marks a mixed column)
      acc[c] = acc[c]! + mul(ratio, other[c]! - acc[c]!)
      other[c] = -1
    }
    for (let k = m2.start[i]!; k < m2.start[i + 1]!; k++) other[m2.j[k]!] = 0
    for (let k = m1.start[i]!; k < m1.start[i + 1]!; k++) other[m1.j[k]!] = 0
  })
}

/** Row i as `[uid, value]` pairs, values mapped by `f`. */
export function rowPairs(m: Csr, i: number, f: (v: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let k = m.start[i]!; k < m.start[i + 1]!; k++) out.push([m.j[k]!, f(m.v[k]!)])
  return out
}
