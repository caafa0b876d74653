import { describe, expect, it } from "vitest"
import { arithmetic } from "../examples/arithmetic.ts"
import { defineSubnet, InvalidSubnetDefinition, versionKey } from "./defineSubnet.ts"

describe("defineSubnet", () => {
  it("behavior: version_key = 1000·major + 10·minor + patch", () => {
    expect(versionKey("1.2.3")).toBe(1023)
    expect(versionKey("0.0.1")).toBe(1)
    expect(arithmetic.versionKey).toBe(1000)
  })

  it("error: versions and names that cannot be encoded", () => {
    expect(() => versionKey("1.2")).toThrow("version must be \"major.minor.patch\", got \"1.2\"")
    expect(() => versionKey("1.2.10")).toThrow(InvalidSubnetDefinition)
    expect(() => defineSubnet({ ...arithmetic, name: "Bad Name" })).toThrow(/name must be lowercase/)
    expect(() => defineSubnet({ ...arithmetic, limits: { timeoutMs: 0 } })).toThrow(
      "limits.timeoutMs must be a positive integer, got 0",
    )
  })
})
