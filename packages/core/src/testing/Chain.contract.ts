/**
 * Behaviour every `Chain` implementation must show; each implementation's test file calls `chainContract` with a
 * fresh layer per test. Names and rules follow the subtensor runtime. A refused call must change nothing, which is
 * checked by comparing what any chain can report: the subnet state, balances, burn and hyperparameters.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { Chain } from "../chain/Chain.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import { commitHash } from "../chain/commitHash.ts"
import { blocksUntilNextEpoch, isEpochBlock } from "../chain/epochSchedule.ts"
import type { Hyperparameters } from "../chain/Hyperparameters.ts"
import type { Signer } from "../chain/Signer.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { keypairFromSeed } from "../keys/Keys.ts"
import type { ChainRules } from "./chainRules.ts"
import { mockRules } from "./chainRules.ts"
import {
  dev,
  miner,
  NO_HASH,
  OWNER,
  reasonOf,
  refusalCheck,
  rootOf,
  setupSubnet,
  TAO,
  toNextEpoch,
  toRevealIntervalStart,
  validator,
} from "./contractSteps.ts"
import { setSubnetHyperparameters } from "./localSubnet.ts"

export type { ChainRules } from "./chainRules.ts"
export { mockRules } from "./chainRules.ts"
export { OWNER, setupSubnet, validator } from "./contractSteps.ts"

/**
 * Registers the contract's tests. `makeLayer` gives a fresh chain per test that still needs its `Signer`: the contract
 * provides `devSignerLayer`, which holds every dev key the tests name (and the dev sudo key), and nothing else.
 */
export const chainContract = <E>(
  name: string,
  makeLayer: () => Layer.Layer<Chain | ChainControl, E, Signer>,
  rules: ChainRules = mockRules,
) =>
  describe(`Chain contract: ${name}`, () => {
    const run = <A, E2>(test: Effect.Effect<A, E2, Chain | ChainControl>) =>
      test.pipe(Effect.provide(makeLayer().pipe(Layer.provide(devSignerLayer))))
    const expectRefusal = refusalCheck(rules)
    const setup = (options: { miners?: number; hyperparameters?: Partial<Hyperparameters> } = {}) =>
      setupSubnet({ ...options, rules })
    /** Sets hyperparameters as the owner, and the root-only ones (`rules.rootOnly`) with the sudo key. */
    const setHyperparameters = (netuid: number, patch: Partial<Hyperparameters>) =>
      setSubnetHyperparameters(netuid, OWNER.coldkey, patch, rootOf(rules))

    it.effect("behavior: a new subnet locks the cost and registers the owner hotkey at uid 0", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        yield* (yield* ChainControl).fund(OWNER.coldkey, 1_000n * TAO)
        const before = yield* chain.balance(OWNER.coldkey)
        const netuid = yield* chain.createSubnet(OWNER)
        const state = yield* chain.subnetState(netuid)
        assert.strictEqual(state.neurons[0]!.hotkey, OWNER.hotkey)
        assert.isTrue((yield* chain.balance(OWNER.coldkey)) < before)
      })))

    it.effect("error: creating a subnet without the lock balance", () =>
      run(Effect.gen(function*() {
        const error = yield* Effect.flip((yield* Chain).createSubnet({ coldkey: dev("poor"), hotkey: dev("poor-hot") }))
        assert.strictEqual(reasonOf(error), "NotEnoughBalanceToStake")
      })))

    it.effect("behavior: registration burns the cost, appends a uid and raises the next cost", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        const cost = yield* chain.registrationCost(netuid)
        yield* (yield* ChainControl).fund(dev("new-cold"), 10n * TAO)
        const uid = yield* chain.burnedRegister({ netuid, coldkey: dev("new-cold"), hotkey: dev("new-hot") })
        assert.strictEqual(uid, 6)
        const paid = 10n * TAO - (yield* chain.balance(dev("new-cold")))
        if (rules.fees === null) assert.strictEqual(paid, cost)
        else assert.isTrue(paid >= cost && paid - cost < rules.fees.maxFeeRao, `paid ${paid} for a burn of ${cost}`)
        if (rules.burnRisesPerRegistration) assert.isTrue((yield* chain.registrationCost(netuid)) > cost)
      })))

    it.effect("error: registration rules (each refusal changes nothing)", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        const control = yield* ChainControl
        yield* control.fund(dev("rich-cold"), 10n * TAO)
        // A hotkey that belongs to another coldkey (it owns a second subnet) but is not on this one.
        yield* control.fund(dev("other-cold"), 1_000n * TAO)
        yield* chain.createSubnet({ coldkey: dev("other-cold"), hotkey: dev("other-hot") })
        yield* expectRefusal(netuid, "HotKeyAlreadyRegisteredInSubNet", chain.burnedRegister({ netuid, ...miner(1) }))
        yield* expectRefusal(
          netuid,
          "NotEnoughBalanceToStake",
          chain.burnedRegister({ netuid, coldkey: dev("broke-cold"), hotkey: dev("broke-hot") }),
        )
        yield* expectRefusal(
          netuid,
          "NonAssociatedColdKey",
          chain.burnedRegister({ netuid, coldkey: dev("rich-cold"), hotkey: dev("other-hot") }),
        )
        yield* expectRefusal(
          netuid,
          "SubnetNotExists",
          chain.burnedRegister({ netuid: 99, coldkey: dev("rich-cold"), hotkey: dev("x-hot") }),
        )
        yield* setHyperparameters(netuid, { registrationAllowed: false })
        yield* expectRefusal(
          netuid,
          "SubNetRegistrationDisabled",
          chain.burnedRegister({ netuid, coldkey: dev("rich-cold"), hotkey: dev("x-hot") }),
        )
        yield* setHyperparameters(netuid, { registrationAllowed: true, maxRegistrationsPerBlock: 1 })
        yield* chain.burnedRegister({ netuid, coldkey: dev("rich-cold"), hotkey: dev("y-hot") })
        // Two registrations in one block: a chain that builds a block per call never has them.
        if (!rules.callsAreBlocks) {
          yield* expectRefusal(
            netuid,
            "TooManyRegistrationsThisBlock",
            chain.burnedRegister({ netuid, coldkey: dev("rich-cold"), hotkey: dev("z-hot") }),
          )
        }
      })))

    it.effect("behavior: a full subnet replaces the non-immune uid with the lowest emission", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup({ miners: 2, hyperparameters: { maxAllowedUids: 5 } })
        // Validators are paid by stake in the first epoch; miners earned nothing: miner uid 3 is the oldest of them,
        // uid 4 the highest of the lowest (the owner's uid 0 earned nothing either, and is not immortal on 185).
        yield* (yield* ChainControl).fund(dev("late-cold"), 10n * TAO)
        const uid = yield* chain.burnedRegister({ netuid, coldkey: dev("late-cold"), hotkey: dev("late-hot") })
        const state = yield* chain.subnetState(netuid)
        const expected = rules.pruneTie === "oldest" ? 3 : 4
        assert.strictEqual(uid, expected)
        assert.strictEqual(state.neurons.length, 5)
        assert.strictEqual(state.neurons[expected]!.hotkey, dev("late-hot"))
        assert.strictEqual(state.neurons[expected]!.blockAtRegistration, yield* chain.currentBlock)
      })))

    it.effect("behavior: when every uid is immune, the runtime prunes the lowest-emission immune one", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup({ miners: 2, hyperparameters: { maxAllowedUids: 5, immunityPeriod: 10_000 } })
        yield* (yield* ChainControl).fund(dev("late-cold"), 10n * TAO)
        // The first of the lowest-emission immune uids: the owner's, unless it is immortal.
        assert.strictEqual(
          yield* chain.burnedRegister({ netuid, coldkey: dev("late-cold"), hotkey: dev("late-hot") }),
          rules.ownerUidImmortal ? 3 : 0,
        )
      })))

    it.effect("error: a full subnet with only the owner's immortal uid refuses registration", () =>
      run(Effect.gen(function*() {
        if (!rules.ownerUidImmortal) return // the runtime replaces the owner's uid (checked in the test above)
        const chain = yield* Chain
        const control = yield* ChainControl
        yield* control.fund(OWNER.coldkey, 1_000n * TAO)
        const netuid = yield* chain.createSubnet(OWNER)
        yield* setHyperparameters(netuid, { maxAllowedUids: 1 })
        yield* control.fund(dev("late-cold"), 10n * TAO)
        yield* expectRefusal(
          netuid,
          "NoNeuronIdAvailable",
          chain.burnedRegister({ netuid, coldkey: dev("late-cold"), hotkey: dev("late-hot") }),
        )
      })))

    it.effect("behavior: remove_stake moves stake back to the coldkey's balance; more than is staked is refused", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        const v2 = validator(2) // 10 TAO staked
        const stakeOf = Effect.map(
          chain.subnetState(netuid, "light"),
          (s) => s.neurons.find((n) => n.hotkey === v2.hotkey)!.stakeRao,
        )
        yield* expectRefusal(
          netuid,
          "NotEnoughStakeToWithdraw",
          chain.removeStake({ netuid, ...v2, amountRao: 1_000n * TAO }),
        )
        const [stake, balance] = [yield* stakeOf, yield* chain.balance(v2.coldkey)]
        yield* chain.removeStake({ netuid, ...v2, amountRao: 4n * TAO })
        const paid = (yield* chain.balance(v2.coldkey)) - balance
        if (rules.fees === null) assert.strictEqual(paid, 4n * TAO)
        else assert.isTrue(paid <= 4n * TAO && 4n * TAO - paid < rules.fees.maxFeeRao, `got ${paid} for 4 TAO`)
        // A chain that builds a block per call may run an epoch between the reads, which adds stake (185).
        if (!rules.callsAreBlocks) assert.strictEqual(yield* stakeOf, stake - 4n * TAO)
      })))

    it.effect("behavior: serve_axon stores the endpoint; bad ip and port are refused", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        // Not 127.0.0.1: the runtime refuses exactly that address (127.0.0.2 is loopback too).
        yield* chain.serveAxon({ netuid, hotkey: miner(1).hotkey, ip: "127.0.0.2", port: 8091 })
        assert.deepStrictEqual((yield* chain.subnetState(netuid)).neurons[3]!.axon, {
          ip: "127.0.0.2",
          port: 8091,
          protocol: 4,
          version: 0,
        })
        yield* expectRefusal(
          netuid,
          "InvalidIpAddress",
          chain.serveAxon({ netuid, hotkey: miner(1).hotkey, ip: "not-an-ip", port: 1 }),
        )
        yield* expectRefusal(
          netuid,
          "InvalidPort",
          chain.serveAxon({ netuid, hotkey: miner(1).hotkey, ip: "127.0.0.2", port: 0 }),
        )
        yield* expectRefusal(
          netuid,
          "HotKeyNotRegisteredInSubNet",
          chain.serveAxon({ netuid, hotkey: dev("ghost"), ip: "127.0.0.2", port: 1 }),
        )
      })))

    it.effect("behavior: set_weights stores the row max-upscaled and updates last_update", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        yield* chain.setWeights({
          netuid,
          hotkey: validator(1).hotkey,
          uids: [3, 4, 5],
          weights: [1, 2, 4],
          versionKey: 0,
        })
        const v = (yield* chain.subnetState(netuid)).neurons[1]!
        assert.deepStrictEqual(v.weights, [[3, 16384], [4, 32768], [5, 65535]])
        assert.strictEqual(v.lastUpdate, yield* chain.currentBlock)
      })))

    it.effect("error: every set_weights rule returns the runtime's error and changes nothing", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup({
          hyperparameters: {
            weightsVersionKey: 1010,
            minAllowedWeights: 2,
            maxWeightLimit: 40000,
            stakeThresholdRao: 5n * TAO,
          },
        })
        const call = (hotkey: string, uids: Array<number>, weights: Array<number>, versionKey = 1010) =>
          chain.setWeights({ netuid, hotkey, uids, weights, versionKey })
        const v1 = validator(1).hotkey
        yield* expectRefusal(netuid, "WeightVecNotEqualSize", call(v1, [3, 4], [1]))
        yield* expectRefusal(
          netuid,
          "UidsLengthExceedUidsInSubNet",
          call(v1, [0, 1, 2, 3, 4, 5, 0], [1, 1, 1, 1, 1, 1, 1]),
        )
        yield* expectRefusal(netuid, "HotKeyNotRegisteredInSubNet", call(dev("ghost"), [3, 4], [1, 1]))
        if (!rules.unsupported.includes("stakeThresholdRao")) {
          yield* expectRefusal(netuid, "NotEnoughStakeToSetWeights", call(miner(1).hotkey, [4, 5], [1, 1]))
        }
        yield* expectRefusal(netuid, "IncorrectWeightVersionKey", call(v1, [3, 4], [1, 1], 1009))
        yield* expectRefusal(netuid, "DuplicateUids", call(v1, [3, 3], [1, 1]))
        yield* expectRefusal(netuid, "UidVecContainInvalidOne", call(v1, [3, 42], [1, 1]))
        yield* expectRefusal(netuid, "WeightVecLengthIsLow", call(v1, [3], [1]))
        yield* expectRefusal(netuid, "MaxWeightExceeded", call(v1, [3, 4], [65535, 1]))
        yield* expectRefusal(netuid, "InvalidArguments", call(v1, [3, 4], [70000, 1]))
        yield* call(v1, [3, 4], [1, 1])
        yield* expectRefusal(netuid, "SettingWeightsTooFast", call(v1, [3, 4], [1, 1]))
        yield* (yield* ChainControl).advance(5)
        yield* call(v1, [3, 4], [1, 1]) // allowed again after the rate limit
      })))

    it.effect("error: a uid without a validator permit cannot set weights, except a self-weight", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        const m = miner(1).hotkey
        yield* expectRefusal(
          netuid,
          "NeuronNoValidatorPermit",
          chain.setWeights({ netuid, hotkey: m, uids: [4], weights: [1], versionKey: 0 }),
        )
        yield* chain.setWeights({ netuid, hotkey: m, uids: [3], weights: [1], versionKey: 0 })
      })))

    it.effect("behavior: commit-reveal takes a commit now and its reveal one epoch later", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const control = yield* ChainControl
        const netuid = yield* setup({ hyperparameters: { commitRevealEnabled: true } })
        const hotkey = validator(1).hotkey
        // A chain whose reveal takes no salt (spec 185) hashes without one and is revealed with an empty salt.
        const salt = chain.revealTakesSalt ? [7, 7, 7] : []
        const reveal = { netuid, hotkey, uids: [3, 4], weights: [10, 20], salt, versionKey: 0 }
        const hash = commitHash({ ...reveal, values: reveal.weights, salt: chain.revealTakesSalt ? salt : null })
        yield* expectRefusal(netuid, "CommitRevealEnabled", chain.setWeights(reveal))
        yield* expectRefusal(netuid, "NoWeightsCommitFound", chain.revealWeights(reveal))
        yield* toRevealIntervalStart(rules)
        yield* chain.commitWeights({ netuid, hotkey, commitHash: hash })
        const commitBlock = yield* chain.currentBlock
        yield* expectRefusal(netuid, "RevealTooEarly", chain.revealWeights(reveal))
        if (rules.revealOpens === "nextEpoch") yield* toNextEpoch(netuid)
        else {
          const { interval } = rules.revealOpens
          const wait = commitBlock - (commitBlock % interval) + interval - (yield* chain.currentBlock)
          if (wait > 0) yield* control.advance(wait)
        }
        yield* expectRefusal(
          netuid,
          "InvalidRevealCommitHashNotMatch",
          chain.revealWeights({ ...reveal, weights: [10, 21] }),
        )
        yield* chain.revealWeights(reveal)
        assert.deepStrictEqual((yield* chain.subnetState(netuid)).neurons[1]!.weights, [[3, 32768], [4, 65535]])
        yield* expectRefusal(netuid, "NoWeightsCommitFound", chain.revealWeights(reveal))
      })))

    it.effect("error: commit rules", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        const commit = { netuid, hotkey: validator(1).hotkey, commitHash: NO_HASH }
        yield* expectRefusal(netuid, "CommitRevealDisabled", chain.commitWeights(commit))
        yield* setHyperparameters(netuid, { commitRevealEnabled: true })
        yield* toRevealIntervalStart(rules)
        yield* chain.commitWeights(commit)
        yield* expectRefusal(netuid, "CommittingWeightsTooFast", chain.commitWeights(commit))
      })))

    it.effect("error: hyperparameters are owner-only and checked", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        yield* expectRefusal(
          netuid,
          "NotSubnetOwner",
          chain.setHyperparameters(netuid, validator(1).coldkey, { tempo: 20 }),
        )
        if (rules.rootOnly.includes("tempo")) {
          yield* expectRefusal(netuid, "NotSubnetOwner", chain.setHyperparameters(netuid, OWNER.coldkey, { tempo: 20 }))
        } else {
          yield* expectRefusal(
            netuid,
            "InvalidHyperparameter",
            chain.setHyperparameters(netuid, OWNER.coldkey, { tempo: 0 }),
          )
        }
        yield* setHyperparameters(netuid, { tempo: 20 })
        assert.strictEqual((yield* chain.hyperparameters(netuid)).tempo, 20)
      })))

    it.effect("behavior: an epoch gives validator permits and pays validators by stake when nobody set weights", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const control = yield* ChainControl
        const netuid = yield* setup()
        const state = yield* chain.subnetState(netuid)
        // Three permits: the two staked validators', and the third for a zero stake (the owner's, or 185's highest uid).
        const third = rules.zeroStakePermit === "owner" ? 0 : 5
        assert.deepStrictEqual(
          state.neurons.map((n) => n.validatorPermit),
          [0, 1, 2, 3, 4, 5].map((uid) => uid === 1 || uid === 2 || uid === third),
        )
        // The next epoch pays the validators that held permits in the epoch before it, by their stake at that block.
        const { tempo } = yield* chain.hyperparameters(netuid)
        const untilEpoch = blocksUntilNextEpoch(netuid, tempo, yield* chain.currentBlock)
        if (untilEpoch > 1) yield* control.advance(untilEpoch - 1)
        const staked = yield* chain.subnetState(netuid)
        const stakeRatio = Number(staked.neurons[1]!.stakeRao) / Number(staked.neurons[2]!.stakeRao)
        // Far enough from 1 that paying both alike fails (30 : 10 TAO staked, plus whatever an earlier epoch paid).
        assert.isAbove(stakeRatio, 1.25)
        yield* control.advance(1)
        const paid = yield* chain.subnetState(netuid)
        const [v1, v2] = [paid.neurons[1]!.emissionRao, paid.neurons[2]!.emissionRao]
        assert.isTrue(v1 > 0n && v2 > 0n)
        assert.approximately(Number(v1) / Number(v2), stakeRatio, 0.01)
      })))

    it.effect("error: a call for an account whose key the signer does not hold is BadOrigin and changes nothing", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup({ hyperparameters: { commitRevealEnabled: false } })
        // A real account (a registered uid's hotkey), but its key is not one the contract's signer holds.
        const stranger = keypairFromSeed(new Uint8Array(32).fill(7)).address
        const v1 = validator(1)
        const weights = { netuid, uids: [3, 4], weights: [1, 1], versionKey: 0 }
        yield* expectRefusal(netuid, "BadOrigin", chain.setWeights({ ...weights, hotkey: stranger }))
        yield* expectRefusal(
          netuid,
          "BadOrigin",
          chain.serveAxon({ netuid, hotkey: stranger, ip: "127.0.0.2", port: 9 }),
        )
        yield* expectRefusal(
          netuid,
          "BadOrigin",
          chain.commitWeights({ netuid, hotkey: stranger, commitHash: NO_HASH }),
        )
        yield* expectRefusal(netuid, "BadOrigin", chain.revealWeights({ ...weights, hotkey: stranger, salt: [1] }))
        yield* expectRefusal(
          netuid,
          "BadOrigin",
          chain.addStake({ netuid, coldkey: stranger, hotkey: v1.hotkey, amountRao: TAO }),
        )
        yield* expectRefusal(
          netuid,
          "BadOrigin",
          chain.burnedRegister({ netuid, coldkey: stranger, hotkey: dev("stranger-hot") }),
        )
        yield* expectRefusal(netuid, "BadOrigin", chain.setHyperparameters(netuid, stranger, { tempo: 20 }))
        yield* expectRefusal(
          netuid,
          "BadOrigin",
          chain.createSubnet({ coldkey: stranger, hotkey: dev("stranger-hot") }),
        )
        yield* chain.setWeights({ ...weights, hotkey: v1.hotkey }) // the same call signed by its account is taken
      })))

    it.effect("behavior: a light subnetState is the full one without weights and bonds", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const netuid = yield* setup()
        yield* chain.setWeights({ netuid, hotkey: validator(1).hotkey, uids: [3, 4], weights: [1, 2], versionKey: 0 })
        yield* toNextEpoch(netuid) // bonds need an epoch
        const full = yield* chain.subnetState(netuid, "full")
        const light = yield* chain.subnetState(netuid, "light")
        assert.deepStrictEqual(yield* chain.subnetState(netuid), full) // full is the default
        assert.isAbove(full.neurons[1]!.weights.length, 0)
        assert.isAbove(full.neurons[1]!.bonds.length, 0)
        assert.deepStrictEqual(light, { ...full, neurons: full.neurons.map((n) => ({ ...n, weights: [], bonds: [] })) })
      })))

    it.effect("behavior: epochs run on the runtime's schedule, in blocks where (block + netuid + 1) % (tempo + 1) == tempo", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const control = yield* ChainControl
        const netuid = yield* setup()
        // A new tempo: a chain counting blocks since its last epoch would now run epochs in other blocks.
        const tempo = 7
        yield* setHyperparameters(netuid, { tempo })
        const v1 = validator(1)
        // An epoch pays the validators: to the coldkey on the mock chain, as stake on the runtime; either way it shows.
        const earned = Effect.gen(function*() {
          const neuron = (yield* chain.subnetState(netuid, "light")).neurons.find((n) => n.hotkey === v1.hotkey)!
          return neuron.stakeRao + (yield* chain.balance(v1.coldkey))
        })
        const epochBlocks: Array<number> = []
        let last = yield* earned
        for (let i = 0; i < 2 * (tempo + 1) + 1; i++) {
          yield* control.advance(1)
          const now = yield* earned
          if (now !== last) epochBlocks.push(yield* chain.currentBlock)
          last = now
        }
        assert.isAtLeast(epochBlocks.length, 2)
        for (const block of epochBlocks) {
          assert.isTrue(
            isEpochBlock(netuid, tempo, block - rules.stakePaidAfterEpoch),
            `an epoch paid in block ${block}`,
          )
        }
        assert.strictEqual(epochBlocks[1]! - epochBlocks[0]!, tempo + 1)
      })))

    it.effect("behavior: waitForBlock completes once the block is produced", () =>
      run(Effect.gen(function*() {
        const chain = yield* Chain
        const start = yield* chain.currentBlock
        const waiter = yield* Effect.forkChild(chain.waitForBlock(start + 3))
        yield* (yield* ChainControl).advance(3)
        assert.strictEqual(yield* Fiber.join(waiter), start + 3)
        assert.strictEqual(yield* chain.waitForBlock(start), start + 3)
      })))
  })
