/**
 * The extrinsics SubtensorChain sends, shaped from the runtime's metadata: one adapter serves several runtime
 * versions. Spec 185 has `registerNetwork()`, `addStake(hotkey, amount)` and an unsalted `revealWeights`; spec 218 has
 * `registerNetwork(hotkey, mechid)`, `addStake(hotkey, netuid, amount)` and a salted reveal; mainnet's
 * `registerNetwork(hotkey)` is covered too. Each builder returns a `Call` (call index + SCALE arguments) that the
 * submitter wraps into a signed extrinsic.
 */
import type { Call } from "@polkadot/types/interfaces"
import type { DecoratedMeta } from "@polkadot/types/metadata/decorate/types"
import type { Hyperparameters } from "../Hyperparameters.ts"

type Tx = DecoratedMeta["tx"]

/** The argument names of `section.method` in this runtime, or `null` when the runtime has no such call. */
function argNames(tx: Tx, section: string, method: string): ReadonlyArray<string> | null {
  const fn = tx[section]?.[method]
  return fn === undefined ? null : fn.meta.args.map((a) => a.name.toString())
}

/** `a.b.c.d` → u128 (ip_type 4), or an IPv6 address → u128 (ip_type 6); `null` when it is neither. */
export function ipToU128(ip: string): { readonly value: bigint; readonly ipType: 4 | 6 } | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip)
  if (v4) {
    const parts = v4.slice(1).map(Number)
    if (parts.some((p) => p > 255)) return null
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), ipType: 4 }
  }
  if (!ip.includes(":") || !/^[0-9a-fA-F:]+$/.test(ip)) return null
  const [head, tail = ""] = ip.split("::")
  if (ip.split("::").length > 2) return null
  const h = head === "" ? [] : head!.split(":")
  const t = tail === "" ? [] : tail.split(":")
  const missing = 8 - h.length - t.length
  if ((ip.includes("::") ? missing < 1 : missing !== 0) || [...h, ...t].some((g) => g.length === 0 || g.length > 4)) {
    return null
  }
  const groups = [...h, ...Array(missing).fill("0"), ...t]
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n), ipType: 6 }
}

/** u128 + ip_type as stored in `Axons` → text. */
export function u128ToIp(value: bigint, ipType: number): string {
  if (ipType === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join(".")
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":")
}

/** What this runtime supports, read from its metadata (documented in the core README). */
export interface RuntimeFeatures {
  /** `reveal_weights` takes a salt (and the commit hash covers it). 185: no. */
  readonly saltedReveal: boolean
  /** Stake is per subnet (dynamic TAO: `add_stake(hotkey, netuid, amount)`). 185: no. */
  readonly stakePerSubnet: boolean
  /** Timelocked (drand) commit-reveal calls exist. Neither offline runtime has them; SubtensorChain never sends them. */
  readonly timelockedCommits: boolean
}

export function runtimeFeatures(tx: Tx): RuntimeFeatures {
  const sm = tx["subtensorModule"] ?? {}
  return {
    saltedReveal: (argNames(tx, "subtensorModule", "revealWeights") ?? []).includes("salt"),
    stakePerSubnet: (argNames(tx, "subtensorModule", "addStake") ?? []).includes("netuid"),
    timelockedCommits: "commitCrv3Weights" in sm || "commitTimelockedWeights" in sm,
  }
}

/** Owner-settable hyperparameters → the `AdminUtils` call that sets each (the runtime's own names). */
const HYPERPARAMETER_CALLS: Partial<
  Record<keyof Hyperparameters, { readonly method: string; readonly convert?: (v: never) => unknown }>
> = {
  tempo: { method: "sudoSetTempo" },
  immunityPeriod: { method: "sudoSetImmunityPeriod" },
  maxAllowedUids: { method: "sudoSetMaxAllowedUids" },
  maxAllowedValidators: { method: "sudoSetMaxAllowedValidators" },
  minAllowedWeights: { method: "sudoSetMinAllowedWeights" },
  maxWeightLimit: { method: "sudoSetMaxWeightLimit" },
  weightsRateLimit: { method: "sudoSetWeightsSetRateLimit" },
  weightsVersionKey: { method: "sudoSetWeightsVersionKey" },
  activityCutoffBlocks: { method: "sudoSetActivityCutoff" },
  registrationAllowed: { method: "sudoSetNetworkRegistrationAllowed" },
  maxRegistrationsPerBlock: { method: "sudoSetMaxRegistrationsPerBlock" },
  minBurnRao: { method: "sudoSetMinBurn" },
  maxBurnRao: { method: "sudoSetMaxBurn" },
  commitRevealEnabled: { method: "sudoSetCommitRevealWeightsEnabled" },
  kappaU16: { method: "sudoSetKappa" },
  bondsMovingAverage: { method: "sudoSetBondsMovingAverage" },
  liquidAlpha: { method: "sudoSetLiquidAlphaEnabled" },
}

export class UnsupportedCall extends Error {}

/** The call builders for one runtime. `tx` is `expandMetadata(registry, metadata).tx`. */
export function callShapes(tx: Tx) {
  const features = runtimeFeatures(tx)
  const fn = (section: string, method: string) => {
    const f = tx[section]?.[method]
    if (f === undefined) throw new UnsupportedCall(`this runtime has no ${section}.${method}`)
    return f
  }
  const sm = (method: string) => fn("subtensorModule", method)
  const registerArgs = argNames(tx, "subtensorModule", "registerNetwork") ?? []
  return {
    features,
    registerNetwork(hotkey: string): Call {
      // 185: no arguments (the owner hotkey is registered separately); 218: (hotkey, mechid 1); mainnet: (hotkey).
      if (registerArgs.length === 0) return sm("registerNetwork")()
      if (registerArgs.length === 2) return sm("registerNetwork")(hotkey, 1)
      return sm("registerNetwork")(hotkey)
    },
    /** Whether `registerNetwork` registers the owner's hotkey itself (218 and later) or leaves it to `burnedRegister`. */
    registersOwnerHotkey: registerArgs.length > 0,
    burnedRegister: (netuid: number, hotkey: string): Call => sm("burnedRegister")(netuid, hotkey),
    addStake: (hotkey: string, netuid: number, amountRao: bigint): Call =>
      features.stakePerSubnet ? sm("addStake")(hotkey, netuid, amountRao) : sm("addStake")(hotkey, amountRao),
    removeStake: (hotkey: string, netuid: number, amountRao: bigint): Call =>
      features.stakePerSubnet ? sm("removeStake")(hotkey, netuid, amountRao) : sm("removeStake")(hotkey, amountRao),
    serveAxon(
      input: { netuid: number; ip: bigint; ipType: number; port: number; protocol: number; version: number },
    ): Call {
      return sm("serveAxon")(input.netuid, input.version, input.ip, input.port, input.ipType, input.protocol, 0, 0)
    },
    setWeights: (
      netuid: number,
      uids: ReadonlyArray<number>,
      weights: ReadonlyArray<number>,
      versionKey: number,
    ): Call => sm("setWeights")(netuid, uids, weights, versionKey),
    commitWeights: (netuid: number, hash: string): Call => sm("commitWeights")(netuid, hash),
    revealWeights(
      netuid: number,
      uids: ReadonlyArray<number>,
      values: ReadonlyArray<number>,
      salt: ReadonlyArray<number>,
      versionKey: number,
    ): Call {
      return features.saltedReveal
        ? sm("revealWeights")(netuid, uids, values, salt, versionKey)
        : sm("revealWeights")(netuid, uids, values, versionKey)
    },
    /** The AdminUtils calls for a hyperparameter patch, in a stable order; unknown keys are reported, not dropped. */
    hyperparameters(
      netuid: number,
      patch: Partial<Hyperparameters>,
    ): { calls: Array<Call>; unsupported: Array<string> } {
      const calls: Array<Call> = []
      const unsupported: Array<string> = []
      for (const [key, value] of Object.entries(patch)) {
        const entry = HYPERPARAMETER_CALLS[key as keyof Hyperparameters]
        const f = entry === undefined ? undefined : tx["adminUtils"]?.[entry.method]
        if (f === undefined) unsupported.push(key)
        else calls.push(f(netuid, value as never))
      }
      return { calls, unsupported }
    },
    batchAll: (calls: ReadonlyArray<Call>): Call => fn("utility", "batchAll")(calls),
    sudo: (call: Call): Call => fn("sudo", "sudo")(call),
  }
}

export type CallShapes = ReturnType<typeof callShapes>
