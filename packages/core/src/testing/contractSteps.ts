/**
 * The steps the Chain contract's cases share: a staked subnet, moving to an epoch or a reveal interval, and checking
 * that a refused call names the runtime's reason and changes nothing any chain can report.
 */
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import type { ChainError, ChainErrorReason, ChainUnavailable } from "../chain/ChainError.ts"
import { blocksUntilNextEpoch } from "../chain/epochSchedule.ts"
import type { Hyperparameters } from "../chain/Hyperparameters.ts"
import { DEV_SUDO_ADDRESS, devKeypair } from "../keys/devKeys.ts"
import type { ChainRules } from "./chainRules.ts"
import { mockRules } from "./chainRules.ts"
import { keysOf, OWNER_KEYS, setupLocalSubnet } from "./localSubnet.ts"

export const TAO = 1_000_000_000n

/** A 32-byte commit hash no reveal matches. */
export const NO_HASH = `0x${"00".repeat(32)}`

/** A dev account by name: the contract's signer (`devSignerLayer`) holds its key. */
export const dev = (name: string) => devKeypair(name).address

export const OWNER = OWNER_KEYS
export const validator = (i: number) => keysOf("v", i)
export const miner = (i: number) => keysOf("m", i)

/** A subnet with 2 staked validators (30 and 10 TAO, uids 1, 2) and `miners` miners (uids 3…), permits given. */
export const setupSubnet = (
  options: { miners?: number; hyperparameters?: Partial<Hyperparameters>; rules?: ChainRules } = {},
) =>
  Effect.map(
    setupLocalSubnet({
      validatorStakesTao: [30, 10],
      miners: options.miners ?? 3,
      // Three permits: the owner's and the two validators' (185 gives them by stake even at 0, the owner's uid first).
      hyperparameters: supported(options.rules ?? mockRules, {
        tempo: 10,
        weightsRateLimit: 5,
        immunityPeriod: 0,
        minNonImmuneUids: 0,
        maxAllowedValidators: 3,
        ...options.hyperparameters,
      }),
      root: rootOf(options.rules ?? mockRules),
    }),
    ({ netuid }) => netuid,
  )

/** `patch` without the hyperparameters the chain has no call for. */
const supported = (rules: ChainRules, patch: Partial<Hyperparameters>): Partial<Hyperparameters> =>
  Object.fromEntries(
    Object.entries(patch).filter(([name]) => !rules.unsupported.includes(name as keyof Hyperparameters)),
  )

export const rootOf = (rules: ChainRules) => ({ names: rules.rootOnly, sudo: DEV_SUDO_ADDRESS })

/** Produces blocks until the subnet's next epoch has run (the runtime's schedule). */
export const toNextEpoch = Effect.fn("contract.toNextEpoch")(function*(netuid: number) {
  const chain = yield* Chain
  const { tempo } = yield* chain.hyperparameters(netuid)
  yield* (yield* ChainControl).advance(blocksUntilNextEpoch(netuid, tempo, yield* chain.currentBlock))
})

/**
 * Where a reveal opens in the interval after the commit's (spec 185), moves to the first block of an interval, so
 * the calls right after a commit still fall in its interval (a commit in an interval's last block could be revealed
 * by the next call).
 */
export const toRevealIntervalStart = Effect.fn("contract.toRevealIntervalStart")(function*(rules: ChainRules) {
  if (rules.revealOpens === "nextEpoch") return
  const { interval } = rules.revealOpens
  const commitBlock = (yield* (yield* Chain).currentBlock) + (rules.callsAreBlocks ? 1 : 0)
  const wait = (interval - (commitBlock % interval)) % interval
  if (wait > 0) yield* (yield* ChainControl).advance(wait)
})

export const reasonOf = (e: ChainError | ChainUnavailable) => (e._tag === "ChainError" ? e.reason : e._tag)

/** Everything a caller can observe, to check a refused call changed nothing. */
const observe = Effect.fn("contract.observe")(function*(netuid: number, rules: ChainRules) {
  const chain = yield* Chain
  const state = yield* chain.subnetState(netuid)
  const balances = rules.fees === null ? yield* Effect.forEach(state.neurons, (n) => chain.balance(n.coldkey)) : []
  const callable = rules.callsAreBlocks
    ? state.neurons.map((n) => ({
      uid: n.uid,
      hotkey: n.hotkey,
      coldkey: n.coldkey,
      axon: n.axon,
      weights: n.weights,
      lastUpdate: n.lastUpdate,
      blockAtRegistration: n.blockAtRegistration,
    }))
    : state
  return {
    state: callable,
    balances,
    burn: yield* chain.registrationCost(netuid),
    hyperparameters: yield* chain.hyperparameters(netuid),
  }
})

/** Runs `call`, expects the runtime-named refusal, and checks nothing changed. */
export const refusalCheck =
  (rules: ChainRules) =>
  <A, R>(netuid: number, reason: ChainErrorReason, call: Effect.Effect<A, ChainError | ChainUnavailable, R>) =>
    Effect.gen(function*() {
      const before = yield* observe(netuid, rules)
      const error = yield* Effect.flip(
        Effect.andThen(call, () => Effect.die(new Error(`expected ${reason}, but the chain accepted the call`))),
      )
      assert.strictEqual(reasonOf(error), reason, error.message)
      assert.deepStrictEqual(yield* observe(netuid, rules), before)
    })
