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
}

/** The dev accounts of validator or miner `i`: keys `devKeypair("v1-cold")`, `devKeypair("v1-hot")`, …. */
export const keysOf = (role: "v" | "m", i: number) =>
  ({ coldkey: devKeypair(`${role}${i}-cold`).address, hotkey: devKeypair(`${role}${i}-hot`).address })
/** The subnet owner's dev accounts (`devKeypair("owner-cold")`, `devKeypair("owner-hot")`). */
export const OWNER_KEYS = { coldkey: devKeypair("owner-cold").address, hotkey: devKeypair("owner-hot").address }

/** Creates the subnet and returns its netuid; validators are uids 1…, miners follow. */
export const setupLocalSubnet = Effect.fn("testing.setupLocalSubnet")(function*(options: LocalSubnetOptions) {
  const chain = yield* Chain
  const control = yield* ChainControl
  yield* control.fund(OWNER_KEYS.coldkey, 1_000n * TAO)
  const netuid = yield* chain.createSubnet(OWNER_KEYS)
  yield* chain.setHyperparameters(netuid, OWNER_KEYS.coldkey, { maxRegistrationsPerBlock: 255, ...options.hyperparameters })
  const validators = options.validatorStakesTao.map((_, i) => keysOf("v", i + 1))
  const miners = Array.from({ length: options.miners }, (_, i) => keysOf("m", i + 1))
  for (const key of [...validators, ...miners]) {
    yield* control.fund(key.coldkey, 100n * TAO + 1_000n * TAO)
    yield* registerWithRetry({ netuid, ...key, nextBlock: Effect.asVoid(control.advance(1)) })
  }
  yield* Effect.forEach(validators, (key, i) => chain.addStake({ netuid, ...key, amountRao: BigInt(options.validatorStakesTao[i]!) * TAO }))
  // One epoch (the runtime's schedule: every tempo + 1 blocks, offset by netuid) gives the validators their permits.
  yield* control.advance(blocksUntilNextEpoch(netuid, (yield* chain.hyperparameters(netuid)).tempo, yield* chain.currentBlock))
  return { netuid, validators, miners }
})
