/**
 * The checks `internal_set_weights` makes, in the runtime's order, so the first broken rule is the one reported.
 * Pure: it reads the subnet and returns the row to store, or throws the runtime-named `ChainError`.
 */
import { isMaxWeightLimited, maxUpscaleU16 } from "@subnetkit/mechanisms"
import { refuse } from "../ChainError.ts"
import type { SubnetData } from "./ChainData.ts"
import { own } from "./ChainData.ts"

export interface WeightsCall {
  readonly hotkey: string
  readonly uids: ReadonlyArray<number>
  readonly weights: ReadonlyArray<number>
  readonly versionKey: number
}

/** uid of a hotkey on the subnet, or -1. */
export const uidOf = (subnet: SubnetData, hotkey: string): number =>
  subnet.neurons.findIndex((n) => n.hotkey === hotkey)

/** The uid of a registered hotkey; refuses with `HotKeyNotRegisteredInSubNet` otherwise. */
export function registeredUid(subnet: SubnetData, hotkey: string): number {
  const uid = uidOf(subnet, hotkey)
  if (uid < 0) {
    throw refuse(
      "HotKeyNotRegisteredInSubNet",
      `hotkey ${hotkey} is not registered on subnet ${subnet.netuid}; register it first (burnedRegister)`,
    )
  }
  return uid
}

/** `check_rate_limit`: refuses with `reason` when uid last set (or committed) weights under `weightsRateLimit` blocks ago. */
export function checkRateLimit(
  subnet: SubnetData,
  uid: number,
  block: number,
  reason: "SettingWeightsTooFast" | "CommittingWeightsTooFast",
): void {
  const last = subnet.neurons[uid]!.lastUpdate
  const limit = subnet.hyperparameters.weightsRateLimit
  if (last !== 0 && block - last < limit) {
    throw refuse(reason, `uid ${uid} last set weights at block ${last}; the next allowed block is ${last + limit}`)
  }
}

/** A weight vector with one entry, on the caller's own uid (exempt from the permit, length and max-limit rules). */
const isSelfWeight = (uid: number, call: WeightsCall) => call.weights.length === 1 && call.uids[0] === uid

/**
 * Validates a set_weights (or reveal) call and returns the row the chain stores: `[uid, max-upscaled u16]`.
 * `rateLimited` is false under commit-reveal, where the commit carried the rate limit.
 */
export function checkWeights(
  subnet: SubnetData,
  call: WeightsCall,
  block: number,
  rateLimited: boolean,
): Array<[number, number]> {
  const h = subnet.hyperparameters
  const n = subnet.neurons.length
  const { uids, weights } = call
  const notU16 = [...uids, ...weights].find((x) => !Number.isInteger(x) || x < 0 || x > 65535)
  if (notU16 !== undefined) throw refuse("InvalidArguments", `${notU16} is not a u16; uids and weights are u16 values`)
  if (uids.length !== weights.length) {
    throw refuse("WeightVecNotEqualSize", `${uids.length} uids but ${weights.length} weights; send one weight per uid`)
  }
  if (uids.length > n) throw refuse("UidsLengthExceedUidsInSubNet", `${uids.length} uids on a subnet of ${n}`)
  const uid = registeredUid(subnet, call.hotkey)
  const stake = own(subnet.stakeRao, call.hotkey) ?? 0n
  if (stake < h.stakeThresholdRao) {
    throw refuse(
      "NotEnoughStakeToSetWeights",
      `hotkey ${call.hotkey} has ${stake} rao staked, the subnet requires ${h.stakeThresholdRao}`,
    )
  }
  if (h.weightsVersionKey !== 0 && call.versionKey < h.weightsVersionKey) {
    throw refuse(
      "IncorrectWeightVersionKey",
      `version_key ${call.versionKey} is below the subnet's ${h.weightsVersionKey}; upgrade the validator`,
    )
  }
  if (rateLimited) checkRateLimit(subnet, uid, block, "SettingWeightsTooFast")
  const self = isSelfWeight(uid, call)
  if (!self && uid !== ownerUid(subnet) && !subnet.neurons[uid]!.validatorPermit) {
    throw refuse(
      "NeuronNoValidatorPermit",
      `uid ${uid} has no validator permit (top ${h.maxAllowedValidators} by stake get one at each epoch)`,
    )
  }
  if (new Set(uids).size !== uids.length) throw refuse("DuplicateUids", `uids ${JSON.stringify(uids)} repeat a uid`)
  const invalid = uids.find((u) => u >= n)
  if (invalid !== undefined) {
    throw refuse("UidVecContainInvalidOne", `uid ${invalid} does not exist on subnet ${subnet.netuid} (n = ${n})`)
  }
  const minLength = Math.min(n, h.minAllowedWeights)
  if (!self && weights.length < minLength) {
    throw refuse("WeightVecLengthIsLow", `${weights.length} weights; the subnet requires at least ${minLength}`)
  }
  const stored = maxUpscaleU16(weights)
  if (!self && h.maxWeightLimit !== 65535 && !isMaxWeightLimited(stored, h.maxWeightLimit)) {
    throw refuse(
      "MaxWeightExceeded",
      `a weight exceeds the limit ${h.maxWeightLimit}/65535 of the normalised vector; spread weight over more uids`,
    )
  }
  return uids.map((u, i) => [u, stored[i]!])
}

/** The uid of the subnet owner's hotkey, or null when it is not registered. */
export function ownerUid(subnet: SubnetData): number | null {
  const uid = uidOf(subnet, subnet.ownerHotkey)
  return uid < 0 ? null : uid
}
