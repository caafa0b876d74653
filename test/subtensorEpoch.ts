/**
 * The epoch of a spec 185 subnet recomputed by `@subnetkit/mechanisms` from what the chain held at the block before
 * it: the snapshot's stake (`TotalHotkeyStake`), last updates, registration blocks, permits, weight and bond rows, the
 * Yuma parameters, and the emission the epoch drains (`PendingEmission` plus that block's increment).
 */
import type { SubnetSnapshot } from "@subnetkit/core"
import type { SubtensorChainShape } from "@subnetkit/core/subtensor"
import type { EpochInput, EpochOutput } from "@subnetkit/mechanisms"
import { rowPairs, yuma } from "@subnetkit/mechanisms"

/** The block at or after `from` where netuid `u` runs its epoch: `(block + u + 1) % (tempo + 1) == tempo`. */
export function nextEpochBlock(from: number, netuid: number, tempo: number): number {
  let b = from
  while ((b + netuid + 1) % (tempo + 1) !== tempo) b++
  return b
}

const pending = async (chain: SubtensorChainShape, netuid: number, block: number) => {
  const at = await chain.api.at(await chain.api.rpc.chain.getBlockHash(block))
  return (await at.query["subtensorModule"]!["pendingEmission"]!(netuid) as unknown as { toBigInt(): bigint })
    .toBigInt()
}

/** Reads the chain at `epochBlock - 1` and runs the mechanism on it. */
export async function recompute(
  chain: SubtensorChainShape,
  before: SubnetSnapshot,
  epochBlock: number,
  params: { kappaU16: number; bondsMovingAverage: number; activityCutoffBlocks: number; maxAllowedValidators: number },
): Promise<EpochOutput> {
  const netuid = before.netuid
  // The epoch block adds one more block's emission (after the owner cut) before draining: the same as the block before.
  const p1 = await pending(chain, netuid, epochBlock - 1)
  const p2 = await pending(chain, netuid, epochBlock - 2)
  const input: EpochInput = {
    n: before.neurons.length,
    block: epochBlock,
    tempo: before.tempo,
    activityCutoffBlocks: params.activityCutoffBlocks,
    lastMechanismStepBlock: 0,
    lastUpdate: before.neurons.map((n) => n.lastUpdate),
    blockAtRegistration: before.neurons.map((n) => n.blockAtRegistration),
    alphaStakeRao: before.neurons.map((n) => n.stakeRao),
    taoStakeRao: before.neurons.map(() => 0n),
    taoWeightU64: 0n,
    stakeThresholdRao: 0n,
    ownerUid: null, // 185 gives the owner nothing special in the epoch
    maxAllowedValidators: params.maxAllowedValidators,
    permits: before.neurons.map((n) => n.validatorPermit),
    weights: before.neurons.map((n) => n.weights),
    bonds: before.neurons.map((n) => n.bonds),
    commitBlocks: null,
    raoEmission: p1 + (p1 - p2),
  }
  // 185 is Yuma 2 with bonds from clipped weights (β = 1), no liquid alpha.
  const mechanism = yuma({
    yuma3: false,
    kappaU16: params.kappaU16,
    bondsPenaltyU16: 65535,
    bondsMovingAverage: params.bondsMovingAverage,
    liquidAlpha: false,
  })
  return mechanism.epoch(input)
}

/** The five outputs the issue names, from the chain (at the epoch block) and from the mechanism, in one shape. */
export function outputsOfChain(after: SubnetSnapshot) {
  return {
    incentive: after.neurons.map((n) => n.incentive),
    dividends: after.neurons.map((n) => n.dividends),
    emission: after.neurons.map((n) => n.emissionRao),
    consensus: after.neurons.map((n) => n.consensus),
    // The runtime API lists non-zero bond entries only.
    bonds: after.neurons.map((n) => n.bonds.filter(([, v]) => v > 0).map(([u, v]) => [u, v])),
  }
}

export function outputsOfMechanism(out: EpochOutput) {
  return {
    incentive: out.incentive,
    dividends: out.dividends,
    emission: out.emission,
    consensus: out.consensus,
    bonds: out.bonds.map((row) => rowPairs(row).filter(([, v]) => v > 0)),
  }
}
