import { describe, expect, it } from "vitest"
import { isMaxWeightLimited, maxUpscaleU16 } from "./maxUpscaleU16.ts"

describe("chain weight storage", () => {
  // Vectors of subtensor's `test_vec_u16_max_upscale_to_u16` (pallets/subtensor/src/tests/math.rs).
  it.each([
    [[], []],
    [[0], [0]],
    [[0, 0], [0, 0]],
    [[1], [65535]],
    [[0, 1], [0, 65535]],
    [[65534], [65535]],
    [[65535], [65535]],
    [[65535, 65535], [65535, 65535]],
    [[0, 1, 65534], [0, 1, 65535]],
    [[0, 1, 2, 3, 4, 65533, 65535], [0, 1, 2, 3, 4, 65533, 65535]],
  ])("behavior: runtime vector %j → %j", (input, expected) => {
    expect(maxUpscaleU16(input)).toEqual(expected)
  })

  it("property: the maximum maps to 65535 and order is kept", () => {
    for (let k = 1; k < 400; k++) {
      const values = [k, (k * 7919) % 65536, (k * 104729) % 65536]
      const out = maxUpscaleU16(values)
      expect(Math.max(...out)).toBe(65535)
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) if (values[i]! < values[j]!) expect(out[i]!).toBeLessThanOrEqual(out[j]!)
      }
    }
  })

  it("behavior: max weight limit (runtime's `test_check_vec_max_limited` vectors)", () => {
    expect(isMaxWeightLimited([], 0)).toBe(true)
    expect(isMaxWeightLimited([65535], 65535)).toBe(true)
    expect(isMaxWeightLimited([65535], 65534)).toBe(false)
    expect(isMaxWeightLimited([65535], 0)).toBe(false)
    expect(isMaxWeightLimited([0], 65535)).toBe(true)
    expect(isMaxWeightLimited([0, 65535], 65535)).toBe(true)
    expect(isMaxWeightLimited([0, 65535, 65535], 32767)).toBe(false) // 0.5 > 32767/65535
    expect(isMaxWeightLimited([0, 65535, 65535], 32768)).toBe(true)
    expect(isMaxWeightLimited([0, 65535, 65535, 65535], 21844)).toBe(false)
    expect(isMaxWeightLimited([0, 65535, 65535, 65535], 21845)).toBe(true)
  })
})
