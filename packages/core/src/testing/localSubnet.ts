/**
 * A small subnet on the mock chain for tests and demos: owner, staked validators and miners registered, one epoch
 * run so the validators hold permits.
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import type { Hyperparameters } from "../chain/Hyperparameters.ts"
import { registerWithRetry } from "../neuron/register.ts"

const TAO = 1_000_000_000n

export interface LocalSubnetOptions {
  /** Stake of each validator, in TAO. */
  readonly validatorStakesTao: ReadonlyArray<number>
  readonly miners: number
  readonly hyperparameters?: Partial<Hyperparameters>
  /** Hotkey of a neuron by name ("v1", "m1", …); default `<name>-hot`. Real-socket tests give SS58 addresses. */
  readonly hotkeyOf?: (name: string) => string
}

export const keysOf = (role: "v" | "m", i: number, hotkeyOf = (name: string) => `${name}-hot`) =>
  ({ coldkey: `${role}${i}-cold`, hotkey: hotkeyOf(`${role}${i}`) })
export const OWNER_KEYS = { coldkey: "owner-cold", hotkey: "owner-hot" }

/** Creates the subnet and returns its netuid; validators are uids 1…, miners follow. */
export const setupLocalSubnet = Effect.fn("testing.setupLocalSubnet")(function*(options: LocalSubnetOptions) {
  const chain = yield* Chain
  const control = yield* ChainControl
  yield* control.fund(OWNER_KEYS.coldkey, 1_000n * TAO)
  const netuid = yield* chain.createSubnet(OWNER_KEYS)
  yield* chain.setHyperparameters(netuid, OWNER_KEYS.coldkey, { maxRegistrationsPerBlock: 255, ...options.hyperparameters })
  const validators = options.validatorStakesTao.map((_, i) => keysOf("v", i + 1, options.hotkeyOf))
  const miners = Array.from({ length: options.miners }, (_, i) => keysOf("m", i + 1, options.hotkeyOf))
  for (const key of [...validators, ...miners]) {
    yield* control.fund(key.coldkey, 100n * TAO + 1_000n * TAO)
    yield* registerWithRetry({ netuid, ...key, nextBlock: Effect.asVoid(control.advance(1)) })
  }
  yield* Effect.forEach(validators, (key, i) => chain.addStake({ netuid, ...key, amountRao: BigInt(options.validatorStakesTao[i]!) * TAO }))
  yield* control.advance((yield* chain.hyperparameters(netuid)).tempo)
  return { netuid, validators, miners }
})
