/**
 * Block production on the mock chain: per block, burn decay and block emission (split equally between subnets, then
 * owner / miners / validators), and each subnet's epoch in the blocks the runtime runs it (`isEpochBlock`: every
 * tempo + 1 blocks, offset by netuid).
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { blockEmission, splitEmission } from "@subnetkit/mechanisms"
import { isEpochBlock } from "../epochSchedule.ts"
import type { ChainData, Mutable, SubnetData } from "./ChainData.ts"
import { commitEpoch } from "./commitReveal.ts"
import { decayedBurn } from "./registration.ts"
import type { EpochPayout } from "./runEpoch.ts"
import { runEpoch } from "./runEpoch.ts"

/** Produces `blocks` blocks on `data`; returns the epochs' payouts. */
export function produceBlocks(
  data: Mutable<ChainData>,
  blocks: number,
  mechanismOf: (subnet: SubnetData) => Mechanism,
): Array<EpochPayout> {
  const payouts: Array<EpochPayout> = []
  for (let b = 0; b < blocks; b++) {
    data.block += 1
    const emission = blockEmission(data.issuanceRao)
    const subnets = data.subnets
    subnets.forEach((subnet, k) => {
      const h = subnet.hyperparameters
      subnet.registrationsThisBlock = 0
      subnet.burnRao = decayedBurn(subnet.burnRao, h)
      const share = emission / BigInt(subnets.length) + (k === 0 ? emission % BigInt(subnets.length) : 0n)
      const split = splitEmission(share, { ownerCutU16: h.ownerCutU16 })
      subnet.pendingOwnerRao += split.ownerRao
      subnet.pendingMinersRao += split.minersRao
      subnet.pendingValidatorsRao += split.validatorsRao
    })
    if (subnets.length > 0) data.issuanceRao += emission
    for (const subnet of subnets) {
      if (isEpochBlock(subnet.netuid, subnet.hyperparameters.tempo, data.block)) {
        payouts.push(runEpoch(subnet, mechanismOf(subnet), data.block, commitEpoch(subnet, data.block), data.balances))
      }
    }
  }
  return payouts
}
