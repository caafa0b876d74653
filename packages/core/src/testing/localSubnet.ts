/**
 * A small subnet for tests and demos on any chain that has `ChainControl` (the mock chain, a localnet): owner, staked
 * validators and miners registered, one epoch run so the validators hold permits. Every account is a dev key
 * (`devKeypair("v1-hot")`, …), so the layer's `Signer` must be `devSignerLayer` (or hold those keys).
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import { blocksUntilNextEpoch } from "../chain/epochSchedule.ts"
import type { Hyperparameters } from "../chain/Hyperparameters.ts"
import { devKeypair } from "../keys/devKeys.ts"
import { registerWithRetry } from "../neuron/register.ts"

const TAO = 1_000_000_000n

export interface LocalSubnetOptions {
  /** Stake of each validator, in TAO. */
  readonly validatorStakesTao: ReadonlyArray<number>
  readonly miners: number
  readonly hyperparameters?: Partial<Hyperparameters>
  /**
   * Hyperparameters only root may set on this chain (spec 185: tempo, maxAllowedUids, maxAllowedValidators,
   * maxRegistrationsPerBlock), set with the `sudo` account instead of the owner's.
   */
  readonly root?: { readonly names: ReadonlyArray<keyof Hyperparameters>; readonly sudo: string }
}

/** Sets `patch` on `netuid`: the owner's part signed by `owner`, the root-only part (`root.names`) by `root.sudo`. */
export const setSubnetHyperparameters = Effect.fn("testing.setSubnetHyperparameters")(function*(
  netuid: number,
  owner: string,
  patch: Partial<Hyperparameters>,
  root?: LocalSubnetOptions["root"],
) {
  const chain = yield* Chain
  const isRoot = (name: string) => root?.names.includes(name as keyof Hyperparameters) === true
  const part = (rootPart: boolean) =>
    Object.fromEntries(Object.entries(patch).filter(([name]) => isRoot(name) === rootPart))
  if (Object.keys(part(true)).length > 0) yield* chain.setHyperparameters(netuid, root!.sudo, part(true))
  if (Object.keys(part(false)).length > 0 || Object.keys(patch).length === 0) {
    yield* chain.setHyperparameters(netuid, owner, part(false))
  }
})

/** The dev accounts of validator or miner `i`: keys `devKeypair("v1-cold")`, `devKeypair("v1-hot")`, …. */
export const keysOf = (role: "v" | "m", i: number) => ({
  coldkey: devKeypair(`${role}${i}-cold`).address,
  hotkey: devKeypair(`${role}${i}-hot`).address,
})
/** The subnet owner's dev accounts (`devKeypair("owner-cold")`, `devKeypair("owner-hot")`). */
export const OWNER_KEYS = { coldkey: devKeypair("owner-cold").address, hotkey: devKeypair("owner-hot").address }

/** Creates the subnet and returns its netuid; validators are uids 1…, miners follow. */
export const setupLocalSubnet = Effect.fn("testing.setupLocalSubnet")(function*(options: LocalSubnetOptions) {
  const chain = yield* Chain
  const control = yield* ChainControl
  yield* control.fund(OWNER_KEYS.coldkey, 1_000n * TAO)
  const netuid = yield* chain.createSubnet(OWNER_KEYS)
  yield* setSubnetHyperparameters(netuid, OWNER_KEYS.coldkey, {
    maxRegistrationsPerBlock: 255,
    ...options.hyperparameters,
  }, options.root)
  const validators = options.validatorStakesTao.map((_, i) => keysOf("v", i + 1))
  const miners = Array.from({ length: options.miners }, (_, i) => keysOf("m", i + 1))
  for (const key of [...validators, ...miners]) {
    yield* control.fund(key.coldkey, 100n * TAO + 1_000n * TAO)
    yield* registerWithRetry({ netuid, ...key, nextBlock: Effect.asVoid(control.advance(1)) })
  }
  yield* Effect.forEach(
    validators,
    (key, i) => chain.addStake({ netuid, ...key, amountRao: BigInt(options.validatorStakesTao[i]!) * TAO }),
  )
  // One epoch (the runtime's schedule: every tempo + 1 blocks, offset by netuid) gives the validators their permits.
  yield* control.advance(
    blocksUntilNextEpoch(netuid, (yield* chain.hyperparameters(netuid)).tempo, yield* chain.currentBlock),
  )
  return { netuid, validators, miners }
})
