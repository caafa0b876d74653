import { describe, expect, it } from "vitest"
import type { EpochInput, EpochOutput, SparseRowU16 } from "../Mechanism.ts"
import { rowPairs } from "../Mechanism.ts"
import { mechanismByName } from "../mechanismByName.ts"
import { mulberry32 } from "../testing/random.ts"
import { randomEpochInput } from "../testing/randomEpochInput.ts"
import { yuma } from "./yuma.ts"

// Invariants over seeded random subnets, for Yuma in every variant and for each alternative.
const rand = mulberry32(7)
const cases = Array.from({ length: 60 }, (_, k) => {
  const n = 2 + Math.floor(rand() * 30)
  const input = randomEpochInput({
    n,
    seed: 1000 + k,
    validatorFraction: 0.2 + rand() * 0.6,
    density: 0.2 + rand() * 0.8,
  })
  const mechanism = k % 4 === 3
    ? mechanismByName(["mean", "wta", "top3", "softmax:0.3"][k % 16 >> 2]!)
    : yuma({
      yuma3: k % 2 === 0,
      liquidAlpha: k % 3 === 0,
      alphaLowU16: 6553,
      alphaHighU16: 19660,
      kappaU16: 20000 + Math.floor(rand() * 40000),
      bondsPenaltyU16: [0, 32767, 65535][k % 3]!,
    })
  return { k, n, input, mechanism }
})

const total = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0)
const totalRao = (xs: ReadonlyArray<bigint>) => xs.reduce((a, b) => a + b, 0n)

describe("epoch invariants", () => {
  it.each(cases)("property: outputs in range and emission within budget (case $k, n=$n)", ({ input, mechanism }) => {
    const out = mechanism.epoch(input)
    for (const field of [out.consensus, out.validatorTrust, out.incentive, out.dividends, out.stakeWeight]) {
      expect(field).toHaveLength(input.n)
      for (const x of field) expect(Number.isInteger(x) && x >= 0 && x <= 65535).toBe(true)
    }
    expect(total(out.incentive)).toBeLessThanOrEqual(65535)
    expect(total(out.dividends)).toBeLessThanOrEqual(65535)
    expect(totalRao(out.serverEmission) + totalRao(out.validatorEmission)).toBeLessThanOrEqual(input.raoEmission)
    expect(totalRao(out.emission)).toBeLessThanOrEqual(input.raoEmission)
    // Truncation loses at most a few rao per uid, never a share.
    expect(input.raoEmission - totalRao(out.emission)).toBeLessThanOrEqual(BigInt(2 * input.n + 2))
    for (const row of out.bonds) {
      for (const [j, v] of rowPairs(row)) expect(j < input.n && v >= 0 && v <= 65535).toBe(true)
    }
  })

  it.each(cases)("property: permuting uids permutes the outputs (case $k, n=$n)", ({ input, mechanism }) => {
    const perm = shuffle(input.n, mulberry32(input.n * 31 + 5))
    const out = mechanism.epoch(input)
    const permuted = mechanism.epoch(permuteInput(input, perm))
    expect({ ...permuted, bonds: permuted.bonds.map(rowPairs) }).toEqual(permuteOutput(out, perm))
  })
})

/** perm[old] = new uid. */
function shuffle(n: number, r: () => number): Array<number> {
  const p = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[p[i], p[j]] = [p[j]!, p[i]!]
  }
  return p
}

function move<A>(xs: ReadonlyArray<A>, perm: ReadonlyArray<number>): Array<A> {
  const out = new Array<A>(xs.length)
  xs.forEach((x, i) => (out[perm[i]!] = x))
  return out
}

/** Rows moved to their new uids, entries renamed and sorted (pairs form, for comparison). */
const moveRows = (rows: ReadonlyArray<SparseRowU16>, perm: ReadonlyArray<number>) =>
  move(
    rows.map((row) => rowPairs(row).map(([j, v]): [number, number] => [perm[j]!, v]).sort((a, b) => a[0] - b[0])),
    perm,
  )

function permuteInput(input: EpochInput, perm: ReadonlyArray<number>): EpochInput {
  return {
    ...input,
    lastUpdate: move(input.lastUpdate, perm),
    blockAtRegistration: move(input.blockAtRegistration, perm),
    alphaStakeRao: move(input.alphaStakeRao, perm),
    taoStakeRao: move(input.taoStakeRao, perm),
    ownerUid: input.ownerUid === null ? null : perm[input.ownerUid]!,
    permits: move(input.permits, perm),
    weights: moveRows(input.weights, perm),
    bonds: moveRows(input.bonds, perm),
  }
}

function permuteOutput(out: EpochOutput, perm: ReadonlyArray<number>) {
  return {
    permits: move(out.permits, perm),
    active: move(out.active, perm),
    stakeWeight: move(out.stakeWeight, perm),
    totalStakeRao: move(out.totalStakeRao, perm),
    consensus: move(out.consensus, perm),
    validatorTrust: move(out.validatorTrust, perm),
    incentive: move(out.incentive, perm),
    dividends: move(out.dividends, perm),
    serverEmission: move(out.serverEmission, perm),
    validatorEmission: move(out.validatorEmission, perm),
    emission: move(out.emission, perm),
    bonds: moveRows(out.bonds, perm),
  }
}
