/** Small field checks that throw `InvalidInput` with the field path; shared by every validator in this package. */
import type { SparseRowU16, U16Row } from "../Mechanism.ts"
import { InvalidInput } from "./InvalidInput.ts"

export const U64_MAX = (1n << 64n) - 1n

const describe = (x: unknown): string =>
  typeof x === "bigint"
    ? `${x}n`
    : typeof x === "number" || typeof x === "boolean" || x === null
    ? String(x)
    : typeof x === "string"
    ? JSON.stringify(x)
    : Array.isArray(x)
    ? "an array"
    : typeof x

export function record(x: unknown, path: string, known: ReadonlyArray<string>): Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) {
    throw new InvalidInput(path, `expected an object, got ${describe(x)}`)
  }
  for (const key of Object.keys(x)) {
    if (!known.includes(key)) {
      throw new InvalidInput(join(path, key), `unknown field (expected one of: ${known.join(", ")})`)
    }
  }
  return x as Record<string, unknown>
}

export const join = (path: string, key: string | number): string =>
  typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key

export function int(x: unknown, path: string, min: number, max: number): number {
  if (typeof x !== "number" || !Number.isInteger(x)) {
    throw new InvalidInput(path, `expected an integer, got ${describe(x)}`)
  }
  if (x < min || x > max) throw new InvalidInput(path, `${x} is out of range [${min}, ${max}]`)
  return x
}

export const u16 = (x: unknown, path: string) => int(x, path, 0, 65535)
export const block = (x: unknown, path: string) => int(x, path, 0, Number.MAX_SAFE_INTEGER)

export function u64(x: unknown, path: string): bigint {
  if (typeof x !== "bigint") throw new InvalidInput(path, `expected a bigint (u64), got ${describe(x)}`)
  if (x < 0n || x > U64_MAX) throw new InvalidInput(path, `${x} is out of the u64 range`)
  return x
}

export function bool(x: unknown, path: string): boolean {
  if (typeof x !== "boolean") throw new InvalidInput(path, `expected a boolean, got ${describe(x)}`)
  return x
}

export function array(x: unknown, path: string, length?: number): ReadonlyArray<unknown> {
  if (!Array.isArray(x)) throw new InvalidInput(path, `expected an array, got ${describe(x)}`)
  if (length !== undefined && x.length !== length) {
    throw new InvalidInput(path, `expected ${length} entries (n), got ${x.length}`)
  }
  return x
}

export const arrayOf = <A>(
  x: unknown,
  path: string,
  length: number | undefined,
  item: (x: unknown, path: string) => A,
): Array<A> => array(x, path, length).map((v, i) => item(v, join(path, i)))

/**
 * Sparse u16 rows, `[[uid, value], …]` or compact `{uids, values}`: n rows, uids < n, no uid twice in a row.
 * Returns the rows as given (no copy: they can hold n² entries); a field path is built only for the error.
 */
export function sparseRows(x: unknown, path: string, n: number): ReadonlyArray<SparseRowU16> {
  const rows = array(x, path, n)
  const lastRowOf = new Int32Array(n).fill(-1) // uid → last row it was seen in, to find duplicates in O(entries)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    if (isCompact(row)) {
      if (row.uids.length !== row.values.length) {
        throw new InvalidInput(join(path, i), `uids has ${row.uids.length} entries but values has ${row.values.length}`)
      }
      for (let k = 0; k < row.uids.length; k++) {
        const uid = row.uids[k]!
        if (uid >= n) throw new InvalidInput(`${join(path, i)}.uids[${k}]`, `uid ${uid} is out of range (n = ${n})`)
        if (lastRowOf[uid] === i) {
          throw new InvalidInput(`${join(path, i)}.uids[${k}]`, `uid ${uid} appears twice in this row`)
        }
        lastRowOf[uid] = i
      }
      continue
    }
    if (!Array.isArray(row)) array(row, join(path, i))
    for (let k = 0; k < (row as Array<unknown>).length; k++) {
      const entry = (row as Array<unknown>)[k]
      const uid = Array.isArray(entry) && entry.length === 2 ? entry[0] : undefined
      const value = Array.isArray(entry) ? entry[1] : undefined
      if (
        typeof uid !== "number" || !Number.isInteger(uid) || uid < 0 || uid >= n || lastRowOf[uid] === i ||
        typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 65535
      ) {
        entryError(entry, join(join(path, i), k), n, uid !== undefined && lastRowOf[uid as number] === i)
      }
      lastRowOf[uid as number] = i
    }
  }
  return rows as ReadonlyArray<SparseRowU16>
}

const isCompact = (row: unknown): row is U16Row =>
  typeof row === "object" && row !== null && (row as U16Row).uids instanceof Uint16Array &&
  (row as U16Row).values instanceof Uint16Array

function entryError(entry: unknown, path: string, n: number, duplicate: boolean): never {
  const pair = array(entry, path, 2)
  const uid = int(pair[0], join(path, 0), 0, 65535)
  if (uid >= n) throw new InvalidInput(join(path, 0), `uid ${uid} is out of range (n = ${n})`)
  if (duplicate) throw new InvalidInput(join(path, 0), `uid ${uid} appears twice in this row`)
  u16(pair[1], join(path, 1))
  throw new InvalidInput(path, "invalid entry")
}
