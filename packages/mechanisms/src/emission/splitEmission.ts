/**
 * The owner / miners / validators split of a subnet's emission (yuma-spec §6): the owner cut is
 * `SubnetOwnerCut / 65535` (11796 ⇒ 18%), and the rest is halved between miners (incentive) and validators
 * (dividends) ⇒ 18 / 41 / 41. Integer arithmetic: the three parts always add up to the total, to the rao.
 */
import { int } from "../input/checks.ts"
import { InvalidInput } from "../input/InvalidInput.ts"

export interface EmissionSplit {
  readonly ownerRao: bigint
  readonly minersRao: bigint
  readonly validatorsRao: bigint
}

export interface EmissionShares {
  /** `SubnetOwnerCut` as a u16 proportion; default 11796 (18%). */
  readonly ownerCutU16?: number
  /** Miners' percentage of what remains after the owner cut; default 50. */
  readonly minerPercentOfRest?: number
}

/** Splits `totalRao`; validators take the rounding remainder. Throws `InvalidInput` for shares out of range. */
export function splitEmission(totalRao: bigint, shares: EmissionShares = {}): EmissionSplit {
  const ownerCut = shares.ownerCutU16 ?? 11796
  const minerPercent = shares.minerPercentOfRest ?? 50
  int(ownerCut, "shares.ownerCutU16", 0, 65535)
  int(minerPercent, "shares.minerPercentOfRest", 0, 100)
  if (totalRao < 0n) throw new InvalidInput("totalRao", `must be non-negative, got ${totalRao}`)
  const ownerRao = (totalRao * BigInt(ownerCut)) / 65535n
  const rest = totalRao - ownerRao
  const minersRao = (rest * BigInt(minerPercent)) / 100n
  return { ownerRao, minersRao, validatorsRao: rest - minersRao }
}
