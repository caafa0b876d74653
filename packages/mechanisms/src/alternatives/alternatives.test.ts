import { describe, expect, it } from "vitest"
import { InvalidInput } from "../input/InvalidInput.ts"
import type { EpochInput } from "../Mechanism.ts"
import { mechanismByName } from "../mechanismByName.ts"
import { yuma3 } from "../yuma/yuma.ts"
import { softmax } from "./softmax.ts"
import { stakeWeightedMean } from "./stakeWeightedMean.ts"
import { topK } from "./topK.ts"
import { winnerTakeAll } from "./winnerTakeAll.ts"

// uids 0,1 validators (stake 70 / 30); uids 2,3,4 miners of decreasing quality; uid 5 is the cabal's own miner.
function subnet(cabalWeightsOwnMiner: boolean): EpochInput {
  const n = 6
  const honest: Array<[number, number]> = [[2, 65535], [3, 32768], [4, 16384]]
  return {
    n,
    block: 100,
    tempo: 10,
    activityCutoffBlocks: 5000,
    lastMechanismStepBlock: 90,
    lastUpdate: [100, 100, 1, 1, 1, 1],
    blockAtRegistration: [0, 0, 0, 0, 0, 0],
    alphaStakeRao: [70_000n, 30_000n, 0n, 0n, 0n, 0n],
    taoStakeRao: [0n, 0n, 0n, 0n, 0n, 0n],
    taoWeightU64: 0n,
    stakeThresholdRao: 0n,
    ownerUid: null,
    maxAllowedValidators: 2,
    permits: [true, true, false, false, false, false],
    weights: [honest, cabalWeightsOwnMiner ? [[5, 65535]] : honest, [], [], [], []],
    bonds: [[], [], [], [], [], []],
    commitBlocks: null,
    raoEmission: 1_000_000_000n,
  }
}

const miners = (xs: ReadonlyArray<number>) => xs.slice(2)

describe("alternative mechanisms", () => {
  it("behavior: stake-weighted mean pays in proportion to support", () => {
    const out = stakeWeightedMean().epoch(subnet(false))
    expect(miners(out.incentive)).toEqual([37448, 18724, 9362, 0]) // 4/7, 2/7, 1/7
  })

  it("attack: under the mean a 30% cabal moves 30% of incentive to its own miner; Yuma clips it to 0", () => {
    expect(stakeWeightedMean().epoch(subnet(true)).incentive[5]).toBe(19660)
    expect(yuma3().epoch(subnet(true)).incentive[5]).toBe(0)
  })

  it("behavior: winner-take-all gives everything to the most supported miner", () => {
    const out = winnerTakeAll().epoch(subnet(false))
    expect(miners(out.incentive)).toEqual([65535, 0, 0, 0])
    expect(out.serverEmission[2]).toBe(500_000_000n)
  })

  it("behavior: top-k splits equally among the k best", () => {
    expect(miners(topK(2).epoch(subnet(false)).incentive)).toEqual([32767, 32767, 0, 0])
  })

  it("behavior: softmax keeps the order and sharpens as temperature falls", () => {
    const warm = miners(softmax(1).epoch(subnet(false)).incentive)
    const cold = miners(softmax(0.05).epoch(subnet(false)).incentive)
    expect(warm[0]! > warm[1]! && warm[1]! > warm[2]! && warm[2]! > 0).toBe(true)
    expect(cold[0]!).toBeGreaterThan(warm[0]!)
  })

  it("behavior: dividends go to validators by stake when they agree", () => {
    const out = stakeWeightedMean().epoch(subnet(false))
    expect(out.dividends.slice(0, 2)).toEqual([45874, 19660])
  })

  it("error: bad parameters and unknown names are typed errors", () => {
    expect(() => topK(0)).toThrow(InvalidInput)
    expect(() => softmax(-1)).toThrow("softmax.temperature: expected a positive number, got -1")
    expect(() => mechanismByName("yuma9")).toThrow(/unknown mechanism "yuma9"/)
    expect(mechanismByName("top5").name).toBe("top5")
    expect(mechanismByName("yuma2").name).toBe("yuma2")
  })
})
