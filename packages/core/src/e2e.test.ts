/**
 * End to end on the mock chain: 1 owner, 2 validators with different stake, 8 miners (6 honest, 1 wrong, 1 silent),
 * the real miner and validator runtimes over the in-process transport, 3 tempos.
 */
import { assert, beforeAll, describe, it } from "@effect/vitest"
import { cryptoWaitReady } from "@polkadot/util-crypto"
import { blockEmission } from "@subnetkit/mechanisms"
import { Effect, Layer } from "effect"
import { Chain } from "./chain/Chain.ts"
import type { EpochPayout } from "./chain/mock/runEpoch.ts"
import { MockChain } from "./chain/MockChain.ts"
import { devSignerLayer } from "./chain/Signer.ts"
import { arithmetic, silentArithmetic, wrongArithmetic } from "./examples/arithmetic.ts"
import { devKeypair } from "./keys/devKeys.ts"
import { serveMiner } from "./neuron/Miner.ts"
import { StateStore } from "./neuron/StateStore.ts"
import { makeValidator } from "./neuron/Validator.ts"
import { setupLocalSubnet } from "./testing/localSubnet.ts"
import * as HttpTransport from "./transport/HttpTransport.ts"
import * as InProcessTransport from "./transport/InProcessTransport.ts"

const TEMPO = 20
const behaviour = (i: number) => (i === 6 ? wrongArithmetic : i === 7 ? silentArithmetic : arithmetic)
const NAMES = ["v1", "v2", ...Array.from({ length: 8 }, (_, i) => `m${i + 1}`)]

/** The scenario; every account is a dev key (`devKeypair("v1-hot")`, …). */
const scenario = (timeoutMs: number) =>
  Effect.gen(function*() {
    const chain = yield* Chain
    const mock = yield* MockChain
    const { netuid, validators, miners } = yield* setupLocalSubnet({
      validatorStakesTao: [30, 10],
      miners: 8,
      hyperparameters: { tempo: TEMPO, weightsRateLimit: 10 },
    })

    const served = yield* Effect.forEach(miners, (m, i) => serveMiner(behaviour(i), { netuid, hotkey: m.hotkey }))
    const runtimes = yield* Effect.forEach(
      validators,
      (v) =>
        makeValidator(arithmetic, { netuid, hotkey: v.hotkey, sampleSize: 8, timeoutMs, seed: 7 }).pipe(
          Effect.provide(StateStore.layerMemory()),
        ),
    )
    for (const m of served) yield* m.sync // miners learn the validators' permits

    const issuance = (yield* mock.state).issuanceRao
    const payouts: Array<EpochPayout> = []
    // An epoch every TEMPO + 1 blocks (the runtime's schedule); setup ended in an epoch block.
    for (let block = 0; block < 3 * (TEMPO + 1); block++) {
      if (block % 4 === 0) { for (const v of runtimes) yield* v.step() }
      payouts.push(...(yield* mock.advance(1)))
    }
    assert.strictEqual(payouts.length, 3)

    const state = yield* chain.subnetState(netuid)
    const incentive = state.neurons.map((n) => n.incentive)
    const honest = incentive.slice(3, 9)
    for (const x of honest) {
      assert.isAbove(x, 0)
      assert.isBelow(Math.abs(x / honest[0]! - 1), 0.05)
    }
    assert.strictEqual(incentive[9], 0) // wrong
    assert.strictEqual(incentive[10], 0) // silent
    const [d1, d2] = [state.neurons[1]!.dividends, state.neurons[2]!.dividends]
    assert.isBelow(Math.abs(d1 / d2 / 3 - 1), 0.05) // stake 30 : 10

    // Each epoch paid exactly the block emissions since the last one, to the rao (owner + miners + validators).
    const sum = (xs: ReadonlyArray<bigint>) => xs.reduce((a, b) => a + b, 0n)
    let supply = issuance
    for (const payout of payouts) {
      let due = 0n
      for (let b = 0; b < TEMPO + 1; b++) {
        const emitted = blockEmission(supply)
        due += emitted
        supply += emitted
      }
      assert.strictEqual(payout.ownerRao + sum(payout.minerRao) + sum(payout.validatorRao), due)
    }
    assert.strictEqual(sum(payouts[2]!.minerRao.slice(9)), 0n) // wrong and silent miners are paid nothing
  })

describe("e2e on the mock chain", () => {
  beforeAll(() => cryptoWaitReady())

  it.live("behavior: in process, honest miners share incentive, wrong and silent get nothing, dividends follow stake", () =>
    scenario(40).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), InProcessTransport.layer())),
      Effect.scoped,
    ))

  it.live("behavior: the same over real sockets, every request and answer signed", () => {
    const transport = HttpTransport.layer({
      keys: NAMES.map((name) => devKeypair(`${name}-hot`)),
      axon: { log: () => {} },
    })
    // A generous timeout: on a busy machine a signed answer can take hundreds of ms, and an honest miner that misses
    // the timeout for one validator but not the other would skew dividends (the silent miner costs one timeout a step).
    return scenario(1_000).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), transport)),
      Effect.scoped,
    )
  }, 240_000)
})
