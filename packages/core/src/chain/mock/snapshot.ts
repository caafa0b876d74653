/** A mock subnet's state as the `Chain` interface reports it (`SubnetSnapshot`). */
import type { NeuronInfo, SnapshotDetail, SubnetSnapshot } from "../types.ts"
import type { SubnetData } from "./ChainData.ts"
import { own } from "./ChainData.ts"

/** The subnet's state at `block`; `"light"` leaves weights and bonds out. */
export function snapshotOf(subnet: SubnetData, block: number, detail: SnapshotDetail): SubnetSnapshot {
  const full = detail === "full"
  return {
    netuid: subnet.netuid,
    block,
    ownerHotkey: subnet.ownerHotkey,
    ownerColdkey: subnet.ownerColdkey,
    tempo: subnet.hyperparameters.tempo,
    // Axons and weight/bond rows are shared, not copied: the state always replaces them, never edits them in place.
    // Fields listed rather than spread: validators take a snapshot every step, and a literal is several times faster.
    neurons: subnet.neurons.map((n, uid): NeuronInfo => ({
      uid,
      hotkey: n.hotkey,
      coldkey: n.coldkey,
      stakeRao: own(subnet.stakeRao, n.hotkey) ?? 0n,
      blockAtRegistration: n.blockAtRegistration,
      lastUpdate: n.lastUpdate,
      axon: n.axon,
      validatorPermit: n.validatorPermit,
      active: n.active,
      incentive: n.incentive,
      dividends: n.dividends,
      consensus: n.consensus,
      validatorTrust: n.validatorTrust,
      emissionRao: n.emissionRao,
      weights: full ? n.weights : [],
      bonds: full ? n.bonds : [],
    })),
  }
}
