/**
 * Registration on the mock chain: the burn (decaying per block, rising per registration, within the subnet's bounds),
 * a new subnet's and a new neuron's records, and which uid a full subnet gives up.
 */
import type { Hyperparameters } from "../Hyperparameters.ts"
import type { Mutable, NeuronData, SubnetData } from "./ChainData.ts"
import { ownerUid } from "./weightRules.ts"

const TAO = 1_000_000_000n

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x)

/** A new subnet's burn: 1 TAO within its bounds. */
export const initialBurn = (h: Hyperparameters): bigint => clamp(TAO, h.minBurnRao, h.maxBurnRao)

/** The burn after a registration that paid `cost`: × `burnIncreaseMilli` / 1000. */
export const raisedBurn = (cost: bigint, h: Hyperparameters): bigint =>
  clamp(cost * BigInt(h.burnIncreaseMilli) / 1000n, h.minBurnRao, h.maxBurnRao)

/** One block of the burn's exponential decay: × 2^(-1/halfLife), in Q32 fixed point like the runtime. */
export function decayedBurn(burn: bigint, h: Hyperparameters): bigint {
  if (h.burnHalfLifeBlocks === 0) return clamp(burn, h.minBurnRao, h.maxBurnRao)
  const factorQ32 = BigInt(Math.round(2 ** (-1 / h.burnHalfLifeBlocks) * 2 ** 32))
  return clamp((burn * factorQ32) >> 32n, h.minBurnRao, h.maxBurnRao)
}

export const newNeuron = (hotkey: string, coldkey: string, block: number): Mutable<NeuronData> => ({
  hotkey,
  coldkey,
  blockAtRegistration: block,
  lastUpdate: block,
  axon: null,
  weights: [],
  bonds: [],
  validatorPermit: false,
  active: true,
  incentive: 0,
  dividends: 0,
  consensus: 0,
  validatorTrust: 0,
  emissionRao: 0n,
})

/** A new subnet's record: the owner's hotkey at uid 0, the initial burn, nothing pending. */
export const newSubnet = (
  s: {
    netuid: number
    coldkey: string
    hotkey: string
    hyperparameters: Hyperparameters
    mechanism: string
  },
  block: number,
): Mutable<SubnetData> => ({
  netuid: s.netuid,
  ownerColdkey: s.coldkey,
  ownerHotkey: s.hotkey,
  hyperparameters: s.hyperparameters,
  mechanism: s.mechanism,
  neurons: [newNeuron(s.hotkey, s.coldkey, block)],
  stakeRao: {},
  burnRao: initialBurn(s.hyperparameters),
  registrationsThisBlock: 0,
  lastEpochBlock: block,
  epochIndex: 0,
  lastMechanismStepBlock: 0,
  pendingOwnerRao: 0n,
  pendingMinersRao: 0n,
  pendingValidatorsRao: 0n,
  commits: {},
})

/** `get_neuron_to_prune`: lowest emission among non-immune uids (then oldest registration, then lowest uid). */
export function neuronToPrune(subnet: SubnetData, block: number): number | null {
  const h = subnet.hyperparameters
  const owner = ownerUid(subnet)
  const candidates = subnet.neurons.map((n, uid) => ({ n, uid })).filter(({ uid }) => uid !== owner)
  const better = (a: { n: NeuronData; uid: number }, b: { n: NeuronData; uid: number }) =>
    a.n.emissionRao !== b.n.emissionRao
      ? a.n.emissionRao < b.n.emissionRao
      : a.n.blockAtRegistration !== b.n.blockAtRegistration
      ? a.n.blockAtRegistration < b.n.blockAtRegistration
      : a.uid < b.uid
  const pick = (xs: typeof candidates) =>
    xs.reduce<(typeof candidates)[number] | null>((best, x) => (best === null || better(x, best) ? x : best), null)
  const isImmune = (n: NeuronData) => block - n.blockAtRegistration < h.immunityPeriod
  const free = candidates.filter(({ n }) => !isImmune(n))
  const choice = free.length > h.minNonImmuneUids ? pick(free) : pick(candidates.filter(({ n }) => isImmune(n)))
  return choice?.uid ?? null
}

/** `replace_neuron`: `fresh` takes `uid`; the uid's own rows go, weights to it become explicit zeros. */
export function replaceNeuron(subnet: Mutable<SubnetData>, uid: number, fresh: Mutable<NeuronData>): void {
  subnet.neurons[uid] = fresh
  for (const neuron of subnet.neurons) neuron.weights = neuron.weights.map(([j, v]) => [j, j === uid ? 0 : v])
  delete subnet.commits[fresh.hotkey]
}
