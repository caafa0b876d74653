import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { InvalidInput } from "./InvalidInput.ts"
import { parseJson } from "./json.ts"
import { decodeMechanismsFixture, isMechanismsFixture } from "./mechanismsFixture.ts"

const fixtures = join(import.meta.dirname, "../../test/fixtures")
const read = (path: string) => parseJson(readFileSync(join(fixtures, path), "utf8"), path)
type File = { params: Record<string, unknown>; epochs: Array<Record<string, unknown>> }
/** A fresh copy of a two-mechanism file to edit (3 epochs, n = 8). */
const file = (): File => read("yuma-mechanisms/mech2_even_split_yuma2.json") as File
const mechanism = (f: File, epoch: number, k: number) =>
  (f.epochs[epoch]!.mechanisms as Array<Record<string, unknown>>)[k]!

const rejects = (f: File) => {
  try {
    decodeMechanismsFixture(f)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput)
    return (e as InvalidInput).message
  }
  throw new Error("accepted a bad file")
}

describe("multi-mechanism fixture format", () => {
  it("behavior: isMechanismsFixture tells the two formats apart", () => {
    for (const name of readdirSync(join(fixtures, "yuma-mechanisms"))) {
      expect(isMechanismsFixture(read(`yuma-mechanisms/${name}`))).toBe(true)
    }
    for (const name of readdirSync(join(fixtures, "yuma")).filter((n) => n !== "math_unit_vectors.json")) {
      expect(isMechanismsFixture(read(`yuma/${name}`))).toBe(false)
    }
    expect(isMechanismsFixture({ params: { mechanisms: [] }, epochs: [] })).toBe(true)
    expect(isMechanismsFixture(null)).toBe(false)
  })

  it("behavior: params give every epoch its fields, an epoch's own value wins", () => {
    const f = file()
    f.params.block = 7000
    f.params.mechanisms = f.epochs[0]!.mechanisms
    f.epochs[0]!.rao_emission = 5
    f.epochs[0]!.kappa_u16 = 100
    delete f.epochs[1]!.block
    delete f.epochs[1]!.mechanisms
    const [e0, e1, e2] = decodeMechanismsFixture(f).epochs
    expect([e0!.input.raoEmission, e1!.input.raoEmission]).toEqual([5n, 999_999_999n])
    expect([e0!.config.kappaU16, e1!.config.kappaU16]).toEqual([100, 32767])
    expect([e0!.input.block, e1!.input.block, e2!.input.block]).toEqual([3521, 7000, f.epochs[2]!.block])
    expect(e1!.input.mechanisms).toEqual(e0!.input.mechanisms)
  })

  it("behavior: u64s past 2^53 are exact", () => {
    const f = file()
    f.params.tao_weight_u64 = 18446744073709551615n
    f.params.tao_stake = [9007199254740993n, 0, 0, 0, 0, 0, 0, 0]
    const [e0] = decodeMechanismsFixture(f).epochs
    expect(e0!.input.taoWeightU64).toBe(18446744073709551615n)
    expect(e0!.input.taoStakeRao[0]).toBe(9007199254740993n)
  })

  it("behavior: commit blocks are read only with commit-reveal on; omitted, no mechanism has a commit", () => {
    const f = file()
    mechanism(f, 0, 1).commit_reveal_commit_blocks = [5, 5, 5, 5, 5, 5, 5, 18446744073709551615n]
    expect(decodeMechanismsFixture(f).epochs[0]!.input.mechanisms.map((m) => m.commitBlocks)).toEqual([null, null])
    f.params.commit_reveal_enabled = true
    expect(decodeMechanismsFixture(f).epochs[0]!.input.mechanisms.map((m) => m.commitBlocks)).toEqual([
      null,
      [5n, 5n, 5n, 5n, 5n, 5n, 5n, 18446744073709551615n],
    ])
  })

  it("error: a bad row names the epoch, the mechanism and the entry", () => {
    const f = file()
    mechanism(f, 2, 1).weights = [[[9, 1]], [], [], [], [], [], [], []]
    expect(rejects(f)).toBe("epochs[2].mechanisms[1].weights[0][0][0]: uid 9 is out of range (n = 8)")
    const g = file()
    mechanism(g, 0, 0).last_update = [1, 2]
    expect(rejects(g)).toBe("epochs[0].mechanisms[0].last_update: expected 8 entries (n), got 2")
    const h = file()
    mechanism(h, 1, 0).bonds_in = "none"
    expect(rejects(h)).toBe("epochs[1].mechanisms[0].bonds_in: expected an array, got \"none\"")
  })

  it("error: a subnet field is named where the file holds it", () => {
    const f = file()
    f.params.alpha_stake = [1, -1, 0, 0, 0, 0, 0, 0]
    delete f.epochs[0]!.alpha_stake
    expect(rejects(f)).toBe("params.alpha_stake[1]: -1 is out of the u64 range")
    const g = file()
    g.epochs[1]!.permits_in = [true]
    expect(rejects(g)).toBe("epochs[1].permits_in: expected 8 entries (n), got 1")
    const h = file()
    h.params.emission_split = [1, 2]
    expect(rejects(h)).toBe("params.emission_split: the shares must sum to 65535, got 3")
    const k = file()
    k.params.alpha_low_u16 = 60000
    expect(rejects(k)).toBe("params.alpha_low_u16: alpha low 60000 is above alpha high 58982")
    const m = file()
    m.epochs[0]!.mechanisms = []
    expect(rejects(m)).toBe("epochs[0].mechanisms: expected 1 to 16 mechanisms, got 0")
  })

  it("error: a per-mechanism field at the subnet level says where it belongs", () => {
    const f = file()
    f.params.commit_reveal_commit_blocks = null
    expect(rejects(f)).toBe(
      "params.commit_reveal_commit_blocks: a per-mechanism field in this format: give it in mechanisms[k]",
    )
    const g = file()
    g.epochs[1]!.weights = []
    expect(rejects(g)).toBe("epochs[1].weights: a per-mechanism field in this format: give it in mechanisms[k]")
  })

  it("error: a missing or unknown field", () => {
    const f = file()
    delete f.params.yuma3_enabled
    expect(rejects(f)).toBe("params.yuma3_enabled: expected a boolean, got undefined")
    const g = file()
    g.epochs[0]!.kappa = 1
    expect(rejects(g)).toMatch(/^epochs\[0\]\.kappa: unknown field \(expected one of: n, block, /)
  })
})
