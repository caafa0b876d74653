import { describe, expect, it } from "vitest"
import { winnerTakeAll } from "../alternatives/winnerTakeAll.ts"
import { InvalidInput } from "../input/InvalidInput.ts"
import { mulberry32 } from "../testing/random.ts"
import { randomEpochInput } from "../testing/randomEpochInput.ts"
import { yuma, yuma3 } from "../yuma/yuma.ts"
import { epochWithMechanisms } from "./epochWithMechanisms.ts"
import type { MechanismStorage, SubnetEpochInput } from "./SubnetEpoch.ts"

// Two validators (uids 0, 1) and two miners: in mechanism 0 both validators weight miner 2, in mechanism 1 miner 3.
const weighting = (miner: number, lastUpdate = 99): MechanismStorage => ({
  weights: [[[miner, 65535]], [[miner, 65535]], [], []],
  bonds: [[], [], [], []],
  lastUpdate: [lastUpdate, lastUpdate, 0, 0],
  commitBlocks: null,
})
const subnet: SubnetEpochInput = {
  n: 4,
  block: 100,
  tempo: 99,
  activityCutoffBlocks: 50,
  lastMechanismStepBlock: 0,
  blockAtRegistration: [0, 0, 0, 0],
  alphaStakeRao: [3_000_000_000_000n, 1_000_000_000_000n, 5n, 5n],
  taoStakeRao: [0n, 0n, 0n, 0n],
  taoWeightU64: 0n,
  stakeThresholdRao: 0n,
  ownerUid: null,
  maxAllowedValidators: 2,
  permits: [true, true, false, false],
  raoEmission: 1_000_000_000n,
  emissionSplit: [45875, 19660], // 70% / 30%
  mechanisms: [weighting(2), weighting(3)],
}

const rejects = (patch: Partial<Record<keyof SubnetEpochInput, unknown>>) => {
  try {
    epochWithMechanisms(yuma3(), { ...subnet, ...patch } as SubnetEpochInput)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput)
    return (e as InvalidInput).message
  }
  throw new Error("accepted a bad input")
}

describe("epochWithMechanisms", () => {
  it("behavior: a miner good at one mechanism is paid from that mechanism's share only", () => {
    const out = epochWithMechanisms(yuma3(), subnet)
    expect(out.split).toEqual([700_007_630n, 299_992_370n])
    expect(out.mechanisms.map((m) => m.serverEmission.slice(2))).toEqual([[350_003_815n, 0n], [0n, 149_996_185n]])
    expect(out.aggregated.serverEmission).toEqual([0n, 0n, 350_003_815n, 149_996_185n])
    // Validators earn in both, by stake (3 : 1), on each mechanism's half for validators.
    expect(out.aggregated.validatorEmission).toEqual([
      out.mechanisms[0]!.validatorEmission[0]! + out.mechanisms[1]!.validatorEmission[0]!,
      out.mechanisms[0]!.validatorEmission[1]! + out.mechanisms[1]!.validatorEmission[1]!,
      0n,
      0n,
    ])
    expect(out.aggregated.validatorEmission[0]! / out.aggregated.validatorEmission[1]!).toBe(3n)
    // The stored incentive is each mechanism's: the miner earns 1 in its own mechanism and 0 in the other.
    expect(out.mechanisms.map((m) => m.incentive.slice(2))).toEqual([[65535, 0], [0, 65535]])
  })

  it("behavior: each mechanism has its own last updates (active is ORed)", () => {
    const out = epochWithMechanisms(yuma3(), { ...subnet, mechanisms: [weighting(2), weighting(3, 10)] })
    expect(out.mechanisms.map((m) => m.active.slice(0, 2))).toEqual([[true, true], [false, false]])
    expect(out.aggregated.active.slice(0, 2)).toEqual([true, true])
    expect(out.mechanisms[1]!.serverEmission).toEqual([0n, 0n, 0n, 0n]) // nobody active there: no incentive
    expect(out.aggregated.serverEmission[3]).toBe(0n)
  })

  it("behavior: zero emission pays nothing and weighs mechanism 0 fully", () => {
    const out = epochWithMechanisms(yuma3(), { ...subnet, raoEmission: 0n })
    expect(out.split).toEqual([0n, 0n])
    expect(out.weightBits).toEqual([1n << 64n, 0n])
    expect(out.aggregated.serverEmission).toEqual([0n, 0n, 0n, 0n])
    expect(out.aggregated.consensus).toEqual(out.mechanisms[0]!.consensus)
  })

  it("behavior: any mechanism runs per incentive mechanism (winner-take-all here)", () => {
    const out = epochWithMechanisms(winnerTakeAll(), subnet)
    expect(out.aggregated.serverEmission.slice(2).every((e) => e > 0n)).toBe(true)
    expect(out.mechanisms[1]!.serverEmission[2]).toBe(0n)
  })

  it.each(Array.from({ length: 24 }, (_, k) => k))("property: within budget, folded terms bounded (case %i)", (k) => {
    const rand = mulberry32(500 + k)
    const n = 2 + Math.floor(rand() * 20)
    const count = 1 + Math.floor(rand() * 4)
    const inputs = Array.from({ length: count }, (_, m) => randomEpochInput({ n, seed: 100 * k + m }))
    const { weights: _w, bonds: _b, lastUpdate: _l, commitBlocks: _c, ...shared } = inputs[0]!
    const cuts = Array.from({ length: count - 1 }, () => Math.floor(rand() * 65536)).sort((a, b) => a - b)
    const split = [...cuts, 65535].map((c, m) => c - (m === 0 ? 0 : cuts[m - 1]!))
    const input: SubnetEpochInput = {
      ...shared,
      raoEmission: BigInt(Math.floor(rand() * 1e12)),
      emissionSplit: k % 3 === 0 ? null : split,
      mechanisms: inputs.map(({ weights, bonds, lastUpdate }) => ({ weights, bonds, lastUpdate, commitBlocks: null })),
    }
    const out = epochWithMechanisms(yuma({ yuma3: k % 2 === 0 }), input)
    expect(out.split.reduce((a, b) => a + b, 0n)).toBe(input.raoEmission)
    const paid = out.aggregated.serverEmission.concat(out.aggregated.validatorEmission).reduce((a, b) => a + b, 0n)
    expect(paid <= input.raoEmission).toBe(true)
    for (const field of ["consensus", "validatorTrust", "dividends", "stakeWeight"] as const) {
      out.aggregated[field].forEach((x, uid) => {
        expect(x).toBeLessThanOrEqual(Math.max(...out.mechanisms.map((m) => m[field][uid]!)))
      })
    }
  })

  it("error: mechanism count out of 1..16", () => {
    expect(rejects({ mechanisms: [] })).toBe("mechanisms: expected 1 to 16 mechanisms, got 0")
    expect(rejects({ mechanisms: Array(17).fill(weighting(2)), emissionSplit: null })).toBe(
      "mechanisms: expected 1 to 16 mechanisms, got 17",
    )
  })
  it("error: a split the runtime's setter refuses", () => {
    expect(rejects({ emissionSplit: [30000, 30000] })).toBe("emissionSplit: the shares must sum to 65535, got 60000")
    expect(rejects({ emissionSplit: [65535, 0, 0] })).toBe(
      "emissionSplit: expected 1 to 2 shares (one per mechanism at most), got 3",
    )
    expect(rejects({ emissionSplit: [] })).toBe(
      "emissionSplit: expected 1 to 2 shares (one per mechanism at most), got 0",
    )
    expect(rejects({ emissionSplit: [65535.5] })).toBe("emissionSplit[0]: expected an integer, got 65535.5")
  })
  it("error: a mechanism's own field names the mechanism", () => {
    const bad = { ...weighting(3), weights: [[[9, 1]], [], [], []] }
    expect(rejects({ mechanisms: [weighting(2), bad] })).toBe(
      "mechanisms[1].weights[0][0][0]: uid 9 is out of range (n = 4)",
    )
    expect(rejects({ mechanisms: [{ ...weighting(2), lastUpdate: [1, 2, 3] }, weighting(3)] })).toBe(
      "mechanisms[0].lastUpdate: expected 4 entries (n), got 3",
    )
    expect(rejects({ mechanisms: [weighting(2), { ...weighting(3), kappa: 1 }] })).toMatch(
      /^mechanisms\[1\]\.kappa: unknown field \(expected one of: weights, bonds, lastUpdate, commitBlocks\)$/,
    )
  })
  it("error: a subnet field is named at the subnet, a per-mechanism one there is unknown", () => {
    expect(rejects({ alphaStakeRao: [1n, -5n, 0n, 0n] })).toBe("alphaStakeRao[1]: -5 is out of the u64 range")
    expect(rejects({ weights: [] } as never)).toMatch(/^weights: unknown field/)
  })
})
