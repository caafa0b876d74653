/**
 * The fold of `epoch_with_mechanisms` (`pallets/subtensor/src/subnets/mechanism.rs`), mechanism 0 first: emissions
 * and stake are summed; the u16 terms and the combined emission are weighted by each mechanism's U64F64 weight with
 * a floor and saturation at every step (`weighted_acc_u16`, `weighted_acc_alpha`); booleans are ORed.
 */
import type { EpochOutput } from "../Mechanism.ts"
import type { AggregatedTerms } from "./SubnetEpoch.ts"

const U64_MAX = (1n << 64n) - 1n
const U128_MAX = (1n << 128n) - 1n
const U16_MAX = 65535n

const sat = (x: bigint, max: bigint) => (x > max ? max : x)

/** `weighted_acc_u16`: ⌊U64F64(acc) + U64F64(x) · w⌋, each operation saturating, then saturated to u16. */
export const weightedAccU16 = (acc: number, x: number, weightBits: bigint): number =>
  Number(sat(sat((BigInt(acc) << 64n) + sat(BigInt(x) * weightBits, U128_MAX), U128_MAX) >> 64n, U16_MAX))

/** `weighted_acc_alpha`: the same for a u64 amount of rao. */
export const weightedAccAlpha = (acc: bigint, x: bigint, weightBits: bigint): bigint =>
  sat(sat((acc << 64n) + sat(x * weightBits, U128_MAX), U128_MAX) >> 64n, U64_MAX)

/**
 * Folds the mechanisms' outputs (index = mecid) with their weights (`mechanismWeightBits`). The incentive is
 * ⌊I₀ · w₀⌋ alone: the runtime's `and_modify` branch does not add later mechanisms' incentive (ported as is; the
 * subnet-level incentive is not stored, the per-mechanism one is). No mechanisms: every array is empty.
 */
export function aggregateTerms(
  outputs: ReadonlyArray<EpochOutput>,
  weightBits: ReadonlyArray<bigint>,
): AggregatedTerms {
  const n = outputs[0]?.permits.length ?? 0
  const u16s = () => new Array<number>(n).fill(0)
  const rao = () => new Array<bigint>(n).fill(0n)
  const acc = {
    permits: new Array<boolean>(n).fill(false),
    active: new Array<boolean>(n).fill(false),
    stakeWeight: u16s(),
    totalStakeRao: rao(),
    consensus: u16s(),
    validatorTrust: u16s(),
    incentive: u16s(),
    dividends: u16s(),
    serverEmission: rao(),
    validatorEmission: rao(),
    emission: rao(),
  }
  outputs.forEach((out, k) => {
    const w = weightBits[k]!
    for (let uid = 0; uid < n; uid++) {
      acc.serverEmission[uid] = sat(acc.serverEmission[uid]! + out.serverEmission[uid]!, U64_MAX)
      acc.validatorEmission[uid] = sat(acc.validatorEmission[uid]! + out.validatorEmission[uid]!, U64_MAX)
      acc.totalStakeRao[uid] = sat(acc.totalStakeRao[uid]! + out.totalStakeRao[uid]!, U64_MAX)
      acc.dividends[uid] = weightedAccU16(acc.dividends[uid]!, out.dividends[uid]!, w)
      acc.stakeWeight[uid] = weightedAccU16(acc.stakeWeight[uid]!, out.stakeWeight[uid]!, w)
      acc.consensus[uid] = weightedAccU16(acc.consensus[uid]!, out.consensus[uid]!, w)
      acc.validatorTrust[uid] = weightedAccU16(acc.validatorTrust[uid]!, out.validatorTrust[uid]!, w)
      acc.emission[uid] = weightedAccAlpha(acc.emission[uid]!, out.emission[uid]!, w)
      acc.active[uid] = acc.active[uid]! || out.active[uid]!
      acc.permits[uid] = acc.permits[uid]! || out.permits[uid]!
      if (k === 0) acc.incentive[uid] = weightedAccU16(0, out.incentive[uid]!, w)
    }
  })
  return acc
}
