/**
 * Sparse-matrix helpers of the runtime's `epoch/math.rs`, on exact I32F32 Number bits (`fixed.ts`).
 * A row keeps the runtime's entry order: outputs depend on it through explicit zero entries and merge walks.
 * Rows are typed arrays: a dense n = 1024 epoch moves millions of entries, and plain arrays cost GC time.
 */
import { div, mul } from "../fixed/fixed.ts"

/** One sparse row: column indices `j` and I32F32 raw values `v`, in storage order. */
export interface Row {
  readonly j: Uint16Array
  readonly v: Float64Array
}
export type Matrix = ReadonlyArray<Row>

const EMPTY: Row = { j: new Uint16Array(0), v: new Float64Array(0) }
export const emptyRow = (): Row => EMPTY

/** A row from parallel column/value buffers, truncated to `length` entries. */
export const rowOf = (j: Uint16Array, v: Float64Array, length: number): Row =>
  length === j.length ? { j, v } : { j: j.slice(0, length), v: v.slice(0, length) }

/** Keeps the entries for which `keep(j, v)` holds. */
export function filterRow(row: Row, keep: (j: number, v: number) => boolean): Row {
  const j = new Uint16Array(row.j.length)
  const v = new Float64Array(row.j.length)
  let m = 0
  for (let k = 0; k < row.j.length; k++) {
    if (keep(row.j[k]!, row.v[k]!)) {
      j[m] = row.j[k]!
      v[m++] = row.v[k]!
    }
  }
  return rowOf(j, v, m)
}

/** The same columns with each value mapped. */
export function mapRow(row: Row, f: (v: number, j: number) => number): Row {
  const v = new Float64Array(row.v.length)
  for (let k = 0; k < v.length; k++) v[k] = f(row.v[k]!, row.j[k]!)
  return { j: row.j, v }
}

/** Dense row → sparse row of the entries where `keep(value)` holds, in column order. */
export function fromDense(values: ArrayLike<number>, keep: (v: number) => boolean): Row {
  const j = new Uint16Array(values.length)
  const v = new Float64Array(values.length)
  let m = 0
  for (let c = 0; c < values.length; c++) {
    if (keep(values[c]!)) {
      j[m] = c
      v[m++] = values[c]!
    }
  }
  return rowOf(j, v, m)
}

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

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it. */
export const rowNormalize = (m: Matrix): Array<Row> =>
  m.map((row) => {
    const s = sum(row.v)
    return s > 0 ? mapRow(row, (x) => div(x, s)) : row
  })

/** Per-column sum (or, with `max`, maximum) over all rows. */
function columnTotals(m: Matrix, n: number, max: boolean): Float64Array {
  const out = new Float64Array(n)
  for (const row of m) {
    for (let k = 0; k < row.j.length; k++) {
      const j = row.j[k]!
      out[j] = max ? (out[j]! < row.v[k]! ? row.v[k]! : out[j]!) : out[j]! + row.v[k]!
    }
  }
  return out
}

/** `inplace_col_normalize_sparse`: each entry divided by its column's sum, where that sum is not 0. */
export function colNormalize(m: Matrix, n: number): Array<Row> {
  const total = columnTotals(m, n, false)
  return m.map((row) => mapRow(row, (x, j) => (total[j] !== 0 ? div(x, total[j]!) : x)))
}

/** `inplace_col_max_upscale_sparse`: each entry divided by its column's maximum, where that maximum is not 0. */
export function colMaxUpscale(m: Matrix, n: number): Array<Row> {
  const top = columnTotals(m, n, true)
  return m.map((row) => mapRow(row, (x, j) => (top[j] !== 0 ? div(x, top[j]!) : x)))
}

/** `row_sum_sparse`. */
export const rowSums = (m: Matrix): Array<number> => m.map((row) => sum(row.v))

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij. */
export function weightedColumnSums(m: Matrix, vector: ReadonlyArray<number>, n: number): Array<number> {
  const out = new Float64Array(n)
  m.forEach((row, i) => {
    const scale = vector[i] ?? 0
    for (let k = 0; k < row.j.length; k++) out[row.j[k]!] = out[row.j[k]!]! + mul(scale, row.v[k]!)
  })
  return Array.from(out)
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij. */
export const weightedRowSums = (m: Matrix, vector: ReadonlyArray<number>): Array<number> =>
  m.map((row) => {
    let acc = 0
    for (let k = 0; k < row.j.length; k++) acc += mul(vector[row.j[k]!] ?? 0, row.v[k]!)
    return acc
  })

/** `col_clip_sparse`: entries above their column's threshold become the threshold (dropped when it is ≤ 0). */
export const colClip = (m: Matrix, threshold: ReadonlyArray<number>): Array<Row> =>
  m.map((row) => {
    const j = new Uint16Array(row.j.length)
    const v = new Float64Array(row.j.length)
    let len = 0
    for (let k = 0; k < row.j.length; k++) {
      const c = row.j[k]!
      const th = threshold[c] ?? 0
      const x = row.v[k]!
      if (th < x && th <= 0) continue
      j[len] = c
      v[len++] = th < x ? th : x
    }
    return rowOf(j, v, len)
  })

/**
 * `interpolate_sparse`: m1 + ratio·(m2 − m1). Ratio 0 and 1 return a matrix unchanged (explicit zeros kept);
 * otherwise rows are densified and only positive entries are kept, in column order.
 */
export function interpolate(m1: Matrix, m2: Matrix, n: number, ratio: number): Matrix {
  if (ratio === 0) return m1
  if (ratio === 4294967296) return m2
  return m1.map((r1, i) => {
    const a = densify(r1, n)
    const b = densify(m2[i]!, n)
    for (let c = 0; c < n; c++) a[c] = a[c]! + mul(ratio, b[c]! - a[c]!)
    return fromDense(a, (x) => x > 0)
  })
}

/** A dense copy of a row; a later duplicate entry overwrites an earlier one, as in the runtime. */
export function densify(row: Row, n: number): Float64Array {
  const out = new Float64Array(n)
  for (let k = 0; k < row.j.length; k++) if (row.j[k]! < n) out[row.j[k]!] = row.v[k]!
  return out
}

/** `row_hadamard_sparse`: row i scaled by vector_i. */
export const scaleRows = (m: Matrix, vector: ReadonlyArray<number>): Array<Row> =>
  m.map((row, i) => mapRow(row, (x) => mul(x, vector[i] ?? 0)))

/** `mat_vec_mul_sparse`: m_ij · vector_j, dropping products equal to 0. */
export const scaleColumns = (m: Matrix, vector: ReadonlyArray<number>): Array<Row> =>
  m.map((row) => filterRow(mapRow(row, (x, j) => (j < vector.length ? mul(x, vector[j]!) : 0)), (_, x) => x !== 0))
