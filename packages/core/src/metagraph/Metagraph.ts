/**
 * A typed snapshot of a subnet with the Python SDK's letters (S, W, B, I, E, C, Tv, D), built from any `Chain`'s
 * `subnetState`, so validators and tools read the same view whatever the chain implementation.
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import type { AxonInfo, SnapshotDetail, SubnetSnapshot } from "../chain/types.ts"

const RAO_PER_TAO = 1e9

export interface Metagraph {
  readonly netuid: number
  readonly block: number
  readonly n: number
  readonly uids: ReadonlyArray<number>
  readonly hotkeys: ReadonlyArray<string>
  readonly coldkeys: ReadonlyArray<string>
  readonly axons: ReadonlyArray<AxonInfo | null>
  readonly ownerHotkey: string
  readonly tempo: number
  /** Stake per uid in rao, and S: the same in TAO. */
  readonly stakeRao: ReadonlyArray<bigint>
  readonly S: ReadonlyArray<number>
  /** W: weights, each row normalised to sum 1 (dense n × n). */
  readonly W: ReadonlyArray<ReadonlyArray<number>>
  /** B: bonds as stored (u16, dense n × n). */
  readonly B: ReadonlyArray<ReadonlyArray<number>>
  /** I, C, Tv, D: incentive, consensus, validator trust, dividends as fractions (u16 / 65535). */
  readonly I: ReadonlyArray<number>
  readonly C: ReadonlyArray<number>
  readonly Tv: ReadonlyArray<number>
  readonly D: ReadonlyArray<number>
  /** Paid by the last epoch, in rao, and E: the same in TAO. */
  readonly emissionRao: ReadonlyArray<bigint>
  readonly E: ReadonlyArray<number>
  readonly validatorPermit: ReadonlyArray<boolean>
  readonly active: ReadonlyArray<boolean>
  readonly lastUpdate: ReadonlyArray<number>
  readonly blockAtRegistration: ReadonlyArray<number>
}

const dense = (n: number, row: ReadonlyArray<readonly [number, number]>, normalize: boolean): Array<number> => {
  const out = new Array<number>(n).fill(0)
  for (const [j, v] of row) if (j < n) out[j] = v
  const total = out.reduce((a, b) => a + b, 0)
  return normalize && total > 0 ? out.map((v) => v / total) : out
}

/** Builds the metagraph of a subnet snapshot (one pass over the neurons: validators build one every step). */
export function fromSnapshot(s: SubnetSnapshot): Metagraph {
  const n = s.neurons.length
  const g = {
    uids: new Array<number>(n),
    hotkeys: new Array<string>(n),
    coldkeys: new Array<string>(n),
    axons: new Array<AxonInfo | null>(n),
    stakeRao: new Array<bigint>(n),
    S: new Array<number>(n),
    I: new Array<number>(n),
    C: new Array<number>(n),
    Tv: new Array<number>(n),
    D: new Array<number>(n),
    emissionRao: new Array<bigint>(n),
    E: new Array<number>(n),
    validatorPermit: new Array<boolean>(n),
    active: new Array<boolean>(n),
    lastUpdate: new Array<number>(n),
    blockAtRegistration: new Array<number>(n),
  }
  s.neurons.forEach((x, i) => {
    g.uids[i] = x.uid
    g.hotkeys[i] = x.hotkey
    g.coldkeys[i] = x.coldkey
    g.axons[i] = x.axon
    g.stakeRao[i] = x.stakeRao
    g.S[i] = Number(x.stakeRao) / RAO_PER_TAO
    g.I[i] = x.incentive / 65535
    g.C[i] = x.consensus / 65535
    g.Tv[i] = x.validatorTrust / 65535
    g.D[i] = x.dividends / 65535
    g.emissionRao[i] = x.emissionRao
    g.E[i] = Number(x.emissionRao) / RAO_PER_TAO
    g.validatorPermit[i] = x.validatorPermit
    g.active[i] = x.active
    g.lastUpdate[i] = x.lastUpdate
    g.blockAtRegistration[i] = x.blockAtRegistration
  })
  let W: Array<Array<number>> | undefined
  let B: Array<Array<number>> | undefined
  return {
    netuid: s.netuid,
    block: s.block,
    n,
    ownerHotkey: s.ownerHotkey,
    tempo: s.tempo,
    ...g,
    // W and B are dense n × n: built on first read, as most readers (a validator step) never look at them.
    get W() {
      return (W ??= s.neurons.map((x) => dense(n, x.weights, true)))
    },
    get B() {
      return (B ??= s.neurons.map((x) => dense(n, x.bonds, false)))
    },
  }
}

/**
 * Reads the subnet from the `Chain` in context and builds its metagraph. `"light"` skips weights and bonds (`W` and
 * `B` are then all zeros): what the miner and validator runtimes read every step; `"full"` (the default) has them.
 */
export const syncMetagraph = Effect.fn("Metagraph.sync")(function*(netuid: number, detail: SnapshotDetail = "full") {
  const chain = yield* Chain
  return fromSnapshot(yield* chain.subnetState(netuid, detail))
})

/** The uid of a hotkey, or undefined. */
export const uidOfHotkey = (metagraph: Metagraph, hotkey: string): number | undefined =>
  uidsByHotkey(metagraph).get(hotkey)

// Built once per metagraph: a miner checks every caller against it, and a validator every hotkey it scored.
const uidIndexes = new WeakMap<ReadonlyArray<string>, ReadonlyMap<string, number>>()

/** Each registered hotkey's uid. */
export function uidsByHotkey(metagraph: Pick<Metagraph, "hotkeys">): ReadonlyMap<string, number> {
  let index = uidIndexes.get(metagraph.hotkeys)
  if (index === undefined) {
    const built = new Map<string, number>()
    metagraph.hotkeys.forEach((hotkey, uid) => built.has(hotkey) || built.set(hotkey, uid))
    uidIndexes.set(metagraph.hotkeys, index = built)
  }
  return index
}
