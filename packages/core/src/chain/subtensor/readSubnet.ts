/**
 * A subnet's `SubnetSnapshot` at one block: the neurons from `NeuronInfoRuntimeApi` (typed or raw, see
 * `neuronInfo.ts`), plus what that API leaves out, from storage: registration blocks, tempo and the owner.
 */
import type { ApiPromise } from "@polkadot/api"
import type { Codec } from "@polkadot/types/types"
import { u8aToHex } from "@polkadot/util"
import { encodeAddress } from "@polkadot/util-crypto"
import type { SubnetSnapshot } from "../types.ts"
import type { Detail } from "./neuronInfo.ts"
import { decodeNeurons, neuronsMethod } from "./neuronInfo.ts"

/** The storage answers a snapshot needs besides the neurons (decoded codecs). */
export interface SubnetStorage {
  readonly blockAtRegistration: ReadonlyArray<readonly [uid: number, block: number]>
  readonly tempo: number
  readonly ownerColdkey: string
  /** `SubnetOwnerHotkey` where the runtime has it; otherwise the owner coldkey's hotkey at uid 0, if any. */
  readonly ownerHotkey: string | null
}

/** `u16` netuid as the runtime API's SCALE argument. */
export const netuidArg = (netuid: number) => u8aToHex(Uint8Array.of(netuid & 0xff, netuid >> 8))

/** Builds the snapshot from decoded answers (pure; the offline tests feed it recorded answers). */
export function snapshotOf(input: {
  readonly netuid: number
  readonly block: number
  readonly neurons: ReturnType<typeof decodeNeurons>
  readonly storage: SubnetStorage
}): SubnetSnapshot {
  const registered = new Map(input.storage.blockAtRegistration)
  const neurons = [...input.neurons].sort((a, b) => a.uid - b.uid).map((n) => ({
    ...n,
    blockAtRegistration: registered.get(n.uid) ?? 0,
  }))
  const uid0 = neurons[0]
  const ownerHotkey = input.storage.ownerHotkey ??
    (uid0 !== undefined && uid0.coldkey === input.storage.ownerColdkey ? uid0.hotkey : "")
  return {
    netuid: input.netuid,
    block: input.block,
    ownerHotkey,
    ownerColdkey: input.storage.ownerColdkey,
    tempo: input.storage.tempo,
    neurons,
  }
}

const num = (c: Codec) => Number((c as unknown as { toBigInt(): bigint }).toBigInt())

/** Reads the snapshot at `blockHash` (default: the best block). */
export async function readSubnet(
  api: ApiPromise,
  netuid: number,
  detail: Detail,
  blockHash?: string,
): Promise<SubnetSnapshot | null> {
  const header = blockHash === undefined ? await api.rpc.chain.getHeader() : await api.rpc.chain.getHeader(blockHash)
  const hash = header.hash.toHex()
  const at = await api.at(hash)
  const q = at.query["subtensorModule"]!
  if (!(await q["networksAdded"]!(netuid)).toJSON()) return null
  const raw = await api.rpc.state.call(`NeuronInfoRuntimeApi_${neuronsMethod(detail)}`, netuidArg(netuid), hash)
  const [entries, tempo, owner, ownerHot] = await Promise.all([
    q["blockAtRegistration"]!.entries(netuid),
    q["tempo"]!(netuid),
    q["subnetOwner"]!(netuid),
    q["subnetOwnerHotkey"] === undefined ? Promise.resolve(null) : q["subnetOwnerHotkey"](netuid),
  ])
  const storage: SubnetStorage = {
    blockAtRegistration: entries.map(([key, value]) => [num(key.args[1]!), num(value)] as const),
    tempo: num(tempo),
    ownerColdkey: encodeAddress(owner.toU8a(), 42),
    ownerHotkey: ownerHot === null ? null : encodeAddress(ownerHot.toU8a(), 42),
  }
  return snapshotOf({
    netuid,
    block: header.number.toNumber(),
    neurons: decodeNeurons(api.registry, api.runtimeMetadata, raw.toU8a(true), detail),
    storage,
  })
}
