/**
 * JSON with lossless integers. Fixtures and outputs hold u64 values above 2^53 (`tao_weight_u64`, u64::MAX markers,
 * emissions); `JSON.parse` would round them. Integers beyond `Number.MAX_SAFE_INTEGER` parse to `bigint`, and
 * `bigint`s print as plain JSON numbers.
 */
import { InvalidInput } from "./InvalidInput.ts"

/** Parses JSON text; unsafe integers become `bigint`. Throws `InvalidInput` with the position on a syntax error. */
export function parseJson(text: string, source = "input"): unknown {
  // Quote unsafe integer literals (outside strings) so JSON.parse keeps their digits, then revive them.
  const marker = "\u0000bigint:"
  const quoted = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) => {
    if (token.startsWith('"') || !/^-?\d+$/.test(token)) return token
    return Number.isSafeInteger(Number(token)) ? token : `"\\u0000bigint:${token}"`
  })
  try {
    return JSON.parse(quoted, (_key, value) =>
      typeof value === "string" && value.startsWith(marker) ? BigInt(value.slice(marker.length)) : value)
  } catch (e) {
    throw new InvalidInput(source, `not valid JSON (${(e as Error).message})`)
  }
}

/** JSON text in which `bigint`s are written as numbers. */
export function stringifyJson(value: unknown, indent?: number): string {
  const marker = "\u0000bigint:"
  const text = JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? `${marker}${v}` : v), indent)
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, "$1")
}
