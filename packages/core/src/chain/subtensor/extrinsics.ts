/**
 * SubtensorChain's table of extrinsics: each signed chain call (`chainCalls.ts`) that is one extrinsic, built for this
 * runtime by `callShapes`, and how its result is read from the events. SubtensorChain signs it with the account the
 * declaration names. The two calls that take more than one extrinsic (`createSubnet`, `setHyperparameters`) are in
 * `ownerCalls.ts`.
 */
import type { Call, EventRecord } from "@polkadot/types/interfaces"
import type { ParamsOf, SignedCall } from "../ChainCall.ts"
import { chainCalls } from "../chainCalls.ts"
import { refuse } from "../ChainError.ts"
import type { CallShapes } from "./callShapes.ts"
import { ipToU128 } from "./callShapes.ts"

type Calls = typeof chainCalls
type SignedName = { [K in keyof Calls]: Calls[K] extends SignedCall ? K : never }[keyof Calls]

export interface Extrinsic<K extends SignedName> {
  /** The call to send; throws a `ChainError` for arguments the runtime would refuse, any other error for ones it
   * cannot encode (InvalidArguments). */
  readonly build: (calls: CallShapes, params: ParamsOf<Calls[K]["params"]>) => Call
  /** The call's result from the block's events of the extrinsic; `null`: the runtime reported none. */
  readonly result?: (events: ReadonlyArray<EventRecord>) => Calls[K]["result"]["Type"] | null
}

/** The `index`th field of the subtensor event `method` among `events`, as a number. */
export const eventField = (method: string, index: number) => (events: ReadonlyArray<EventRecord>): number | null => {
  const record = events.find((e) => e.event.section === "subtensorModule" && e.event.method === method)
  return record === undefined
    ? null
    : Number((record.event.data[index] as unknown as { toBigInt(): bigint }).toBigInt())
}

/** u16 values, refused before encoding (the codec would silently wrap 70000). */
function u16s(values: ReadonlyArray<number>): ReadonlyArray<number> {
  const bad = values.find((v) => !Number.isInteger(v) || v < 0 || v > 65535)
  if (bad !== undefined) throw new Error(`${bad} is not a u16; uids and weights are u16 values`)
  return values
}

export const EXTRINSICS: { readonly [K in Exclude<SignedName, "createSubnet" | "setHyperparameters">]: Extrinsic<K> } =
  {
    burnedRegister: {
      build: (c, [input]) => c.burnedRegister(input.netuid, input.hotkey),
      result: eventField("NeuronRegistered", 1),
    },
    addStake: { build: (c, [input]) => c.addStake(input.hotkey, input.netuid, input.amountRao) },
    removeStake: { build: (c, [input]) => c.removeStake(input.hotkey, input.netuid, input.amountRao) },
    serveAxon: {
      build: (c, [input]) => {
        const ip = ipToU128(input.ip)
        if (ip === null) {
          throw refuse("InvalidIpAddress", `serveAxon: ${JSON.stringify(input.ip)} is not an IPv4 or IPv6 address`)
        }
        if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
          throw refuse("InvalidPort", `serveAxon: port ${input.port} is not 1..65535`)
        }
        return c.serveAxon({
          netuid: input.netuid,
          ip: ip.value,
          ipType: ip.ipType,
          port: input.port,
          protocol: input.protocol ?? 4,
          version: input.version ?? 0,
        })
      },
    },
    setWeights: { build: (c, [i]) => c.setWeights(i.netuid, u16s(i.uids), u16s(i.weights), i.versionKey) },
    commitWeights: { build: (c, [input]) => c.commitWeights(input.netuid, input.commitHash) },
    revealWeights: {
      build: (c, [i]) => c.revealWeights(i.netuid, u16s(i.uids), u16s(i.weights), u16s(i.salt), i.versionKey),
    },
  }

export type SentName = keyof typeof EXTRINSICS

/** The declarations of the calls in `EXTRINSICS`. */
export const sentCalls = Object.fromEntries(
  Object.keys(EXTRINSICS).map((name) => [name, chainCalls[name as SentName]]),
) as { readonly [K in SentName]: Calls[K] }
