/**
 * How a subnet's emission is shared between its mechanisms, and how much each mechanism's terms weigh when they are
 * folded into the subnet's (`pallets/subtensor/src/subnets/mechanism.rs`: `split_emissions`, and the `sub_weight`
 * of `epoch_with_mechanisms`).
 */
import { int, u16, u64 } from "../input/checks.ts"

const U128_MAX = (1n << 128n) - 1n

/**
 * `split_emissions`: with `split` set, mechanism k gets ⌊rao · split[k] / 65535⌋ (u128 arithmetic); unset (`null`),
 * each gets ⌊rao / count⌋. The list is cut or padded with 0 to `count` entries, and what the floors left over goes to
 * mechanism 0, so the shares add up to `raoEmission` whenever the split sums to at most 65535.
 * `count` 0 gives `[]`; an empty split gives all of it to mechanism 0.
 * @throws {InvalidInput} for an emission outside u64, a count outside 0..65535 or a split value that is not a u16.
 */
export function mechanismEmissions(
  raoEmission: bigint,
  split: ReadonlyArray<number> | null,
  count: number,
): Array<bigint> {
  u64(raoEmission, "raoEmission")
  int(count, "count", 0, 65535)
  const shares = split === null
    ? new Array<bigint>(count).fill(raoEmission / BigInt(count || 1))
    : split.map((s, k) => (raoEmission * BigInt(u16(s, `split[${k}]`))) / 65535n)
  const result = Array.from({ length: count }, (_, k) => shares[k] ?? 0n)
  const remainder = raoEmission - result.reduce((a, b) => a + b, 0n) // saturating_sub: never below 0
  if (count > 0 && remainder > 0n) result[0] = result[0]! + remainder
  return result
}

/**
 * A mechanism's weight as U64F64 raw bits: `U64F64(mechanismRao).safe_div_or(U64F64(raoEmission), k == 0 ? 1 : 0)`
 * = ⌊mechanismRao · 2^64 / raoEmission⌋. With no emission (or a quotient beyond U64F64) mechanism 0 weighs 1
 * (2^64) and the others 0, so a subnet with nothing to pay still stores mechanism 0's terms.
 */
export function mechanismWeightBits(mechanismRao: bigint, raoEmission: bigint, mecid: number): bigint {
  const quotient = raoEmission === 0n ? null : (mechanismRao << 64n) / raoEmission
  return quotient === null || quotient > U128_MAX || quotient < 0n ? (mecid === 0 ? 1n << 64n : 0n) : quotient
}
