/**
 * Turns a mechanism's incentive and dividends into rao (yuma-spec §3.10) and the u16 values the chain stores.
 * Shared by Yuma and the alternatives so every mechanism pays out under the same rules.
 */
import { div, toU16Proportion } from "../fixed/fixed.ts"
import type { EpochInput, EpochOutput, U16Row } from "../Mechanism.ts"
import type { Csr } from "./csr.ts"
import { normalize, sum } from "./csr.ts"
import type { PreparedEpoch } from "./prepareEpoch.ts"

export interface MechanismResult {
  /** All I32F32 raw bits. */
  readonly consensus: Array<number>
  readonly validatorTrust: Array<number>
  readonly incentive: Array<number>
  readonly dividends: Array<number>
  /** Bonds to store (I32F32 proportions), rows of validators with a new permit are written. */
  readonly bonds: Csr | null
}

export function payout(input: EpochInput, prepared: PreparedEpoch, result: MechanismResult): EpochOutput {
  const { incentive, dividends } = result
  const emissionSum = sum(incentive) + sum(dividends)
  const share = (xs: ReadonlyArray<number>) => (emissionSum === 0 ? xs.slice() : xs.map((x) => div(x, emissionSum)))
  let validatorShare = share(dividends)
  let combinedShare = normalize(incentive.map((x, i) => x + dividends[i]!))
  if (emissionSum === 0) {
    // No valid weights: validators are paid by active stake (by stake when nobody is active).
    validatorShare = sum(prepared.activeStake) === 0 ? prepared.stake : prepared.activeStake
    combinedShare = validatorShare
  }
  const rao = (xs: ReadonlyArray<number>) => xs.map((x) => raoShare(x, input.raoEmission))
  const u16 = (xs: ReadonlyArray<number>) => xs.map(toU16Proportion)
  return {
    permits: prepared.newPermits,
    active: prepared.active,
    stakeWeight: u16(prepared.stake),
    totalStakeRao: prepared.totalStakeRao,
    consensus: u16(result.consensus),
    validatorTrust: u16(result.validatorTrust),
    incentive: u16(incentive),
    dividends: u16(dividends),
    serverEmission: rao(share(incentive)),
    validatorEmission: rao(validatorShare),
    emission: rao(combinedShare),
    bonds: prepared.newPermits.map((permit, i) => (permit && result.bonds ? u16Row(result.bonds, i) : EMPTY_ROW)),
  }
}

/** floor(I96F32(share) × rao), saturated to u64. */
function raoShare(shareBits: number, raoEmission: bigint): bigint {
  const v = (BigInt(shareBits) * raoEmission) >> 32n
  const max = (1n << 64n) - 1n
  return v < 0n ? 0n : v > max ? max : v
}

const EMPTY_ROW: U16Row = { uids: new Uint16Array(0), values: new Uint16Array(0) }

/** Row i quantised as the chain stores it (`fixed_proportion_to_u16`). */
function u16Row(m: Csr, i: number): U16Row {
  const from = m.start[i]!
  const to = m.start[i + 1]!
  const values = new Uint16Array(to - from)
  for (let k = from; k < to; k++) values[k - from] = toU16Proportion(m.v[k]!)
  return { uids: m.j.slice(from, to), values }
}
