/**
 * A typed snapshot of a subnet with the Python SDK's letters (S, W, B, I, E, C, Tv, D), built from any `Chain`'s
 * `subnetState`, so validators and tools read the same view whatever the chain implementation.
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import type { AxonInfo, SubnetSnapshot } from "../chain/types.ts"

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

/** Builds the metagraph of a subnet snapshot. */
export function fromSnapshot(s: SubnetSnapshot): Metagraph {
  const n = s.neurons.length
  const u16 = (x: number) => x / 65535
  const pick = <A>(f: (x: SubnetSnapshot["neurons"][number]) => A) => s.neurons.map(f)
  return {
    netuid: s.netuid,
    block: s.block,
    n,
    uids: pick((x) => x.uid),
    hotkeys: pick((x) => x.hotkey),
    coldkeys: pick((x) => x.coldkey),
    axons: pick((x) => x.axon),
    ownerHotkey: s.ownerHotkey,
    tempo: s.tempo,
    stakeRao: pick((x) => x.stakeRao),
    S: pick((x) => Number(x.stakeRao) / RAO_PER_TAO),
    W: pick((x) => dense(n, x.weights, true)),
    B: pick((x) => dense(n, x.bonds, false)),
    I: pick((x) => u16(x.incentive)),
    C: pick((x) => u16(x.consensus)),
    Tv: pick((x) => u16(x.validatorTrust)),
    D: pick((x) => u16(x.dividends)),
    emissionRao: pick((x) => x.emissionRao),
    E: pick((x) => Number(x.emissionRao) / RAO_PER_TAO),
    validatorPermit: pick((x) => x.validatorPermit),
    active: pick((x) => x.active),
    lastUpdate: pick((x) => x.lastUpdate),
    blockAtRegistration: pick((x) => x.blockAtRegistration),
  }
}

/** Reads the subnet from the `Chain` in context and builds its metagraph. */
export const syncMetagraph = Effect.fn("Metagraph.sync")(function*(netuid: number) {
  const chain = yield* Chain
  return fromSnapshot(yield* chain.subnetState(netuid))
})

/** The uid of a hotkey, or undefined. */
export const uidOfHotkey = (metagraph: Metagraph, hotkey: string): number | undefined => {
  const uid = metagraph.hotkeys.indexOf(hotkey)
  return uid < 0 ? undefined : uid
}
