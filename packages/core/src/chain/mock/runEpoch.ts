/**
 * One epoch of a mock subnet: the subnet's state → `Mechanism.epoch` → stored permits, bonds, I, D, C, VT and the
 * payout of the emission accumulated since the last epoch. Every rao of it is paid: miners share the miner pool by
 * their server emission, validators the validator pool by their validator emission, the owner takes the owner cut,
 * and rounding dust goes to the largest share (the runtime loses it to flooring; a mock that pays out has to put it
 * somewhere). Rewards are credited to the neuron's coldkey balance rather than restaked, so stake weights stay what
 * the scenario set.
 */
import type { EpochInput, Mechanism } from "@subnetkit/mechanisms"
import { rowPairs } from "@subnetkit/mechanisms"
import type { Mutable, SubnetData } from "./ChainData.ts"
import { own } from "./ChainData.ts"
import { liveCommits } from "./commitReveal.ts"
import { ownerUid } from "./weightRules.ts"

const NO_COMMIT = (1n << 64n) - 1n

export interface EpochPayout {
  readonly netuid: number
  readonly block: number
  readonly ownerRao: bigint
  /** Paid per uid to miners (incentive) and validators (dividends). */
  readonly minerRao: ReadonlyArray<bigint>
  readonly validatorRao: ReadonlyArray<bigint>
  /** Emission that was pending and is paid now: owner + miners + validators. */
  readonly totalRao: bigint
}

/** Builds the mechanism's input from the subnet's storage. */
export function epochInput(subnet: SubnetData, block: number, commitEpochNow: number): EpochInput {
  const h = subnet.hyperparameters
  const n = subnet.neurons.length
  const commitBlocks = h.commitRevealEnabled
    ? subnet.neurons.map((neuron) => {
      const active = liveCommits(subnet, neuron.hotkey, commitEpochNow)
      return active.length === 0 ? NO_COMMIT : BigInt(Math.min(...active.map((c) => c.block)))
    })
    : null
  return {
    n,
    block,
    tempo: h.tempo,
    activityCutoffBlocks: h.activityCutoffBlocks,
    lastMechanismStepBlock: subnet.lastMechanismStepBlock,
    lastUpdate: subnet.neurons.map((x) => x.lastUpdate),
    blockAtRegistration: subnet.neurons.map((x) => x.blockAtRegistration),
    alphaStakeRao: subnet.neurons.map((x) => own(subnet.stakeRao, x.hotkey) ?? 0n),
    taoStakeRao: subnet.neurons.map(() => 0n),
    taoWeightU64: 0n,
    stakeThresholdRao: h.stakeThresholdRao,
    ownerUid: ownerUid(subnet),
    maxAllowedValidators: h.maxAllowedValidators,
    permits: subnet.neurons.map((x) => x.validatorPermit),
    weights: subnet.neurons.map((x) => x.weights),
    bonds: subnet.neurons.map((x) => x.bonds),
    commitBlocks,
    raoEmission: subnet.pendingMinersRao + subnet.pendingValidatorsRao,
  }
}

/** Shares `pool` in proportion to `weights`, exactly: the remainder goes to the largest weight (lowest uid on ties). */
export function apportion(pool: bigint, weights: ReadonlyArray<bigint>): Array<bigint> {
  const total = weights.reduce((a, b) => a + b, 0n)
  if (total === 0n) return weights.map(() => 0n)
  const shares = weights.map((w) => (pool * w) / total)
  let largest = 0
  weights.forEach((w, i) => {
    if (w > weights[largest]!) largest = i
  })
  shares[largest]! += pool - shares.reduce((a, b) => a + b, 0n)
  return shares
}

/**
 * Runs the epoch, writes its results into `subnet` and credits `balances`. Returns the payout; when nobody can be
 * paid (no stake and no weights), the pools stay pending for the next epoch.
 */
export function runEpoch(
  subnet: Mutable<SubnetData>,
  mechanism: Mechanism,
  block: number,
  commitEpochNow: number,
  balances: Record<string, bigint>,
): EpochPayout {
  const out = mechanism.epoch(epochInput(subnet, block, commitEpochNow))
  subnet.neurons.forEach((neuron, uid) => {
    neuron.validatorPermit = out.permits[uid]!
    neuron.active = out.active[uid]!
    neuron.incentive = out.incentive[uid]!
    neuron.dividends = out.dividends[uid]!
    neuron.consensus = out.consensus[uid]!
    neuron.validatorTrust = out.validatorTrust[uid]!
    neuron.bonds = rowPairs(out.bonds[uid]!)
  })
  const minersEarned = out.serverEmission.some((e) => e > 0n)
  // With no incentive at all, validators also take the miners' pool (run_coinbase does the same).
  const minerRao = apportion(subnet.pendingMinersRao, out.serverEmission)
  const validatorPool = subnet.pendingValidatorsRao + (minersEarned ? 0n : subnet.pendingMinersRao)
  const validatorRao = apportion(validatorPool, out.validatorEmission)
  const paid = (xs: ReadonlyArray<bigint>) => xs.reduce((a, b) => a + b, 0n)
  const nobodyPaid = paid(minerRao) + paid(validatorRao) === 0n
  const ownerRao = subnet.pendingOwnerRao
  const totalRao = nobodyPaid ? ownerRao : ownerRao + subnet.pendingMinersRao + subnet.pendingValidatorsRao
  const credit = (coldkey: string, rao: bigint) => {
    if (rao > 0n) balances[coldkey] = (own(balances, coldkey) ?? 0n) + rao
  }
  credit(subnet.ownerColdkey, ownerRao)
  subnet.neurons.forEach((neuron, uid) => {
    neuron.emissionRao = minerRao[uid]! + validatorRao[uid]!
    credit(neuron.coldkey, neuron.emissionRao)
  })
  subnet.pendingOwnerRao = 0n
  if (!nobodyPaid) {
    subnet.pendingMinersRao = 0n
    subnet.pendingValidatorsRao = 0n
  }
  subnet.lastMechanismStepBlock = block
  subnet.lastEpochBlock = block
  subnet.epochIndex += 1
  return { netuid: subnet.netuid, block, ownerRao, minerRao, validatorRao, totalRao }
}
