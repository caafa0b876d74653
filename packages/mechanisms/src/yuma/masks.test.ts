import { describe, expect, it } from "vitest"
import type { EpochInput } from "../Mechanism.ts"
import { rowPairs } from "../Mechanism.ts"
import { resetBonds } from "./resetBonds.ts"
import { yuma2, yuma3 } from "./yuma.ts"

// uid 0 validates; uids 1 and 2 mine; uid 2 registered at block 50, after uid 0's commit at block 40.
const base: EpochInput = {
  n: 3,
  block: 100,
  tempo: 10,
  activityCutoffBlocks: 5000,
  lastMechanismStepBlock: 0,
  lastUpdate: [100, 1, 50],
  blockAtRegistration: [0, 0, 50],
  alphaStakeRao: [1_000_000n, 0n, 0n],
  taoStakeRao: [0n, 0n, 0n],
  taoWeightU64: 0n,
  stakeThresholdRao: 0n,
  ownerUid: null,
  maxAllowedValidators: 1,
  permits: [true, false, false],
  weights: [[[1, 65535], [2, 65535]], [], []],
  bonds: [[], [], []],
  commitBlocks: null,
  raoEmission: 1_000_000_000n,
}

describe("weight masks", () => {
  it("behavior: commit-reveal drops weights committed before the target registered", () => {
    expect(yuma3().epoch(base).incentive).toEqual([0, 32767, 32767])
    const committed = yuma3().epoch({ ...base, commitBlocks: [40n, 18446744073709551615n, 18446744073709551615n] })
    expect(committed.incentive).toEqual([0, 65535, 0])
  })

  it("behavior: a commit in the target's registration block still counts", () => {
    const at = (block: bigint) =>
      yuma3().epoch({ ...base, commitBlocks: [block, 18446744073709551615n, 18446744073709551615n] })
    expect(at(50n).incentive).toEqual([0, 32767, 32767])
    expect(at(49n).incentive).toEqual([0, 65535, 0])
  })

  it("behavior: no active commit (u64::MAX) masks nothing", () => {
    const none = yuma3().epoch({
      ...base,
      commitBlocks: [18446744073709551615n, 18446744073709551615n, 18446744073709551615n],
    })
    expect(none.incentive).toEqual([0, 32767, 32767])
  })

  it("behavior: a validator without a permit from the last epoch is ignored", () => {
    const out = yuma2().epoch({ ...base, permits: [false, false, false] })
    expect(out.incentive).toEqual([0, 0, 0])
    expect(out.permits).toEqual([true, false, false]) // it earns one for the next epoch
  })
})

describe("bonds reset", () => {
  it("behavior: removes every bond to the uid, keeps the rest in order", () => {
    const bonds = [[[2, 9], [1, 5]], [], [[1, 7]]] as const
    expect(resetBonds(bonds as never, 1)).toEqual([[[2, 9]], [], []])
    expect(resetBonds([{ uids: Uint16Array.of(1, 2), values: Uint16Array.of(3, 4) }], 2).map((r) => rowPairs(r)))
      .toEqual([[[1, 3]]])
  })
})
