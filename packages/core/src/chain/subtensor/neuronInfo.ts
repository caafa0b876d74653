/**
 * Decoding the runtime's neuron answers into core's `NeuronInfo`. `NeuronInfoRuntimeApi_get_neurons(_lite)` answers
 * typed data where the v15 metadata gives its output type, and a SCALE-encoded `Vec<u8>` on specs 185 and 218, decoded
 * here with the `NeuronInfo` layout of `pallets/subtensor/src/neuron_info.rs`. Its axon and prometheus structs take
 * their layout from the runtime's own metadata (the `Axons` / `Prometheus` storage values): 185 encodes an axon's
 * port before its ip, 218 after.
 */
import type { Metadata } from "@polkadot/types"
import type { Codec, Registry } from "@polkadot/types/types"
import { encodeAddress } from "@polkadot/util-crypto"
import type { NeuronInfo } from "../types.ts"
import { u128ToIp } from "./callShapes.ts"

export type Detail = "light" | "full"

const HEAD = {
  hotkey: "AccountId32",
  coldkey: "AccountId32",
  uid: "Compact<u16>",
  netuid: "Compact<u16>",
  active: "bool",
  axonInfo: "SubnetkitAxonInfo",
  prometheusInfo: "SubnetkitPrometheusInfo",
  stake: "Vec<(AccountId32, Compact<u64>)>",
  rank: "Compact<u16>",
  emission: "Compact<u64>",
  incentive: "Compact<u16>",
  consensus: "Compact<u16>",
  trust: "Compact<u16>",
  validatorTrust: "Compact<u16>",
  dividends: "Compact<u16>",
  lastUpdate: "Compact<u64>",
  validatorPermit: "bool",
}

/** The runtime's type of a SubtensorModule storage map's value (`Axons` → its `AxonInfo`). */
function storageValueType(registry: Registry, metadata: Metadata, item: string): string {
  const pallet = metadata.asLatest.pallets.find((p) => p.name.toString() === "SubtensorModule")
  const entry = pallet?.storage.unwrapOr(null)?.items.find((i) => i.name.toString() === item)
  if (entry === undefined || !entry.type.isMap) throw new Error(`the runtime has no SubtensorModule.${item} map`)
  return registry.createLookupType(entry.type.asMap.value)
}

/** `NeuronInfo` / `NeuronInfoLite` as the raw answer encodes them (field order is the encoding). */
const legacyNeuronTypes = (registry: Registry, metadata: Metadata) => ({
  SubnetkitAxonInfo: storageValueType(registry, metadata, "Axons"),
  SubnetkitPrometheusInfo: storageValueType(registry, metadata, "Prometheus"),
  SubnetkitNeuronInfoLite: { ...HEAD, pruningScore: "Compact<u16>" },
  SubnetkitNeuronInfo: {
    ...HEAD,
    weights: "Vec<(Compact<u16>, Compact<u16>)>",
    bonds: "Vec<(Compact<u16>, Compact<u16>)>",
    pruningScore: "Compact<u16>",
  },
})

/** The runtime-API method that answers the neurons of a subnet at this detail. */
export const neuronsMethod = (detail: Detail) => (detail === "full" ? "get_neurons" : "get_neurons_lite")

/** The output type of `NeuronInfoRuntimeApi.<method>` in v15 metadata, as a type the registry can create. */
export function runtimeApiOutput(registry: Registry, metadata: Metadata, api: string, method: string): string {
  const latest = metadata.asLatest as unknown as {
    apis?: ReadonlyArray<{ name: Codec; methods: ReadonlyArray<{ name: Codec; output: Codec }> }>
  }
  const found = latest.apis?.find((a) => a.name.toString() === api)?.methods.find((m) => m.name.toString() === method)
  if (found === undefined) throw new Error(`the runtime has no ${api}.${method} in its metadata`)
  return registry.createLookupType(found.output as never)
}

type Struct = Codec & { get(name: string): Codec | undefined }
const field = (s: Struct, name: string): Codec => {
  const v = s.get(name)
  if (v === undefined) throw new Error(`neuron answer has no field ${name}`)
  return v
}
const num = (c: Codec): number => Number((c as unknown as { toBigInt(): bigint }).toBigInt())
const big = (c: Codec): bigint => (c as unknown as { toBigInt(): bigint }).toBigInt()
const address = (c: Codec): string => encodeAddress(c.toU8a(), 42)
const pairs = (c: Codec): Array<readonly [number, number]> =>
  (c as unknown as ReadonlyArray<ReadonlyArray<Codec>>).map((p) => [num(p[0]!), num(p[1]!)] as const)

/** One decoded neuron before the storage-only fields (registration block) are added. */
export type DecodedNeuron = Omit<NeuronInfo, "blockAtRegistration">

/** Decodes a raw `NeuronInfoRuntimeApi` answer of this runtime (`raw`: the `state_call` result bytes). */
export function decodeNeurons(
  registry: Registry,
  metadata: Metadata,
  raw: Uint8Array,
  detail: Detail,
): Array<DecodedNeuron> {
  const outputType = runtimeApiOutput(registry, metadata, "NeuronInfoRuntimeApi", neuronsMethod(detail))
  let list = registry.createType(outputType, raw) as unknown as Codec
  if (list.toRawType() === "Bytes") {
    registry.register(legacyNeuronTypes(registry, metadata))
    list = registry.createType(
      detail === "full" ? "Vec<SubnetkitNeuronInfo>" : "Vec<SubnetkitNeuronInfoLite>",
      (list as unknown as { toU8a(bare: boolean): Uint8Array }).toU8a(true),
    )
  }
  return (list as unknown as ReadonlyArray<Struct>).map((n) => {
    const axon = field(n, "axonInfo") as Struct
    const ipType = num(field(axon, "ipType"))
    const ip = big(field(axon, "ip"))
    const stake = (field(n, "stake") as unknown as ReadonlyArray<ReadonlyArray<Codec>>).reduce(
      (sum, p) => sum + big(p[1]!),
      0n,
    )
    return {
      uid: num(field(n, "uid")),
      hotkey: address(field(n, "hotkey")),
      coldkey: address(field(n, "coldkey")),
      stakeRao: stake,
      lastUpdate: num(field(n, "lastUpdate")),
      // The runtime answers a zero axon for a hotkey that never served.
      axon: ip === 0n
        ? null
        : {
          ip: u128ToIp(ip, ipType),
          port: num(field(axon, "port")),
          protocol: num(field(axon, "protocol")),
          version: num(field(axon, "version")),
        },
      validatorPermit: field(n, "validatorPermit").toJSON() === true,
      active: field(n, "active").toJSON() === true,
      incentive: num(field(n, "incentive")),
      dividends: num(field(n, "dividends")),
      consensus: num(field(n, "consensus")),
      validatorTrust: num(field(n, "validatorTrust")),
      emissionRao: big(field(n, "emission")),
      weights: detail === "full" ? pairs(field(n, "weights")) : [],
      bonds: detail === "full" ? pairs(field(n, "bonds")) : [],
    }
  })
}
