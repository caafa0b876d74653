/**
 * How the chain stores a weights vector: `vec_u16_max_upscale_to_u16` (the largest value becomes 65535) and the
 * `MaxWeightsLimit` check `check_vec_max_limited`, with the runtime's I32F32 rounding.
 */
import { div, ONE } from "../fixed/fixed.ts"
import { divI32F32, mulI32F32, ONE_32 } from "../fixed/fixedBig.ts"
import { normalize } from "../yuma/csr.ts"

// Bigint: v·65535 in I32F32 passes 2^53, and this runs once per set_weights, not per epoch entry.
const U16_MAX = 65535n * ONE_32
const THRESHOLD = 32768n * ONE_32

/** `fixed.round()` (half away from zero) then `saturating_to_num::<u16>()`, for non-negative bits. */
const roundToU16 = (bits: bigint): number => Math.min(65535, Number((bits + ONE_32 / 2n) >> 32n))

/**
 * Scales u16 values so the largest becomes 65535, as `set_weights` stores them. All-zero or empty input returns
 * zeros: the chain stores such a vector as given.
 */
export function maxUpscaleU16(values: ReadonlyArray<number>): Array<number> {
  const max = BigInt(Math.max(0, ...values)) * ONE_32
  if (max === 0n) return values.map(() => 0)
  if (max > THRESHOLD) {
    const scale = divI32F32(U16_MAX, max)
    return values.map((v) => roundToU16(mulI32F32(BigInt(v) * ONE_32, scale)))
  }
  return values.map((v) => roundToU16(divI32F32(mulI32F32(BigInt(v) * ONE_32, U16_MAX), max)))
}

/** `check_vec_max_limited`: after normalising the vector to sum 1, no entry exceeds `maxLimitU16 / 65535`. */
export function isMaxWeightLimited(values: ReadonlyArray<number>, maxLimitU16: number): boolean {
  if (values.length === 0) return true
  const limit = div(maxLimitU16 * ONE, 65535 * ONE)
  return Math.max(...normalize(values.map((v) => v * ONE))) <= limit
}
