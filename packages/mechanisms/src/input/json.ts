/**
 * JSON with lossless integers. Fixtures and outputs hold u64 values above 2^53 (`tao_weight_u64`, u64::MAX markers,
 * emissions); `JSON.parse` would round them. Integers beyond `Number.MAX_SAFE_INTEGER` parse to `bigint`, and
 * `bigint`s print as plain JSON numbers.
 */
import { InvalidInput } from "./InvalidInput.ts"

const MARKER = "\u0000bigint:"
/**
 * A string literal (matched so that digits inside strings are skipped), or an integer literal of 16 digits or more:
 * one with fewer digits is below 2^53 and parses exactly. Matching only those keeps the callback off the millions
 * of small numbers in a large epoch file, where calling it for every number took most of the parse time.
 */
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g

/** Parses JSON text; unsafe integers become `bigint`. Throws `InvalidInput` with the position on a syntax error. */
export function parseJson(text: string, source = "input"): unknown {
  // Quote unsafe integer literals (outside strings) so JSON.parse keeps their digits, then revive them.
  let quotedAny = false
  const quoted = text.replace(STRING_OR_LONG_INTEGER, (token) => {
    if (token.startsWith("\"") || Number.isSafeInteger(Number(token))) return token
    quotedAny = true
    return `"\\u0000bigint:${token}"`
  })
  let parsed: unknown
  try {
    parsed = JSON.parse(quoted)
  } catch (e) {
    throw new InvalidInput(source, `not valid JSON (${(e as Error).message})`)
  }
  // A walk rather than a JSON.parse reviver: the reviver is called for every value, and costs more than the parse.
  // A string the file itself spells as a marker revives too, as it did under the reviver.
  return quotedAny || text.includes("\\u0000bigint:") ? revive(parsed) : parsed
}

/** Replaces marked strings with their `bigint`, in place. */
function revive(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith(MARKER) ? BigInt(value.slice(MARKER.length)) : value
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const item: unknown = value[k]
      if (typeof item === "object" || typeof item === "string") value[k] = revive(item)
    }
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const item = record[key]
      const revived = revive(item)
      if (revived !== item) record[key] = revived // only a marked string changes; objects are revived in place
    }
  }
  return value
}

/** JSON text in which `bigint`s are written as numbers. */
export function stringifyJson(value: unknown, indent?: number): string {
  // Marker strings in place of bigints, then JSON.stringify without a replacer: a replacer is called for every value,
  // which for an epoch file's bonds rows costs more than the stringify itself.
  const text = JSON.stringify(markBigints(value), null, indent)
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, "$1")
}

/** `value` with each `bigint` replaced by its marker string; arrays and objects without one are kept, not copied. */
function markBigints(value: unknown): unknown {
  if (typeof value === "bigint") return `${MARKER}${value}`
  if (typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) {
    let copy: Array<unknown> | null = null
    for (let k = 0; k < value.length; k++) {
      const item: unknown = value[k]
      const marked = typeof item === "bigint" || typeof item === "object" ? markBigints(item) : item
      if (marked !== item) (copy ??= value.slice())[k] = marked
    }
    return copy ?? value
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value // JSON.stringify calls it, as before
  let copy: Record<string, unknown> | null = null
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key]
    const marked = markBigints(item)
    if (marked !== item) (copy ??= { ...value })[key] = marked
  }
  return copy ?? value
}
