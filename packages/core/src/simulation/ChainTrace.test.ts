/**
 * `--compare` replays what a run did: every call kind the table (`chainCalls.ts`) declares as changing the chain must
 * be recorded and replayed. The list is the table's, so a call added there is in this test without an edit; a sample
 * missing for it fails the test (and the type check), and so does a call the trace leaves out or replays differently.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Chain } from "../chain/Chain.ts"
import { isMutating } from "../chain/ChainCall.ts"
import { allCalls } from "../chain/chainCalls.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import { commitHash } from "../chain/commitHash.ts"
import { blocksUntilNextEpoch } from "../chain/epochSchedule.ts"
import { MockChain } from "../chain/MockChain.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { setupLocalSubnet } from "../testing/localSubnet.ts"
import type { TraceCall, TracedName } from "./ChainTrace.ts"
import { recording, replayTrace, TRACED } from "./ChainTrace.ts"

const TAO = 1_000_000_000n

/** Moves to the subnet's next epoch. */
const toNextEpoch = (netuid: number) =>
  Effect.gen(function*() {
    const chain = yield* Chain
    const { tempo } = yield* chain.hyperparameters(netuid)
    yield* (yield* ChainControl).advance(blocksUntilNextEpoch(netuid, tempo, yield* chain.currentBlock))
  })

/**
 * One successful call of each kind that setting up a subnet does not make, on the subnet `setupLocalSubnet` made
 * (validator v1, miner m1). Keyed by every traced call: a new one needs its sample here.
 */
const samples: {
  readonly [K in TracedName]: ((netuid: number) => Effect.Effect<unknown, unknown, Chain | ChainControl>) | "setup"
} = {
  fund: "setup",
  advance: "setup",
  createSubnet: "setup",
  setHyperparameters: "setup",
  burnedRegister: "setup",
  addStake: "setup",
  removeStake: (netuid) => Effect.flatMap(Chain, (chain) => chain.removeStake({ netuid, ...keys.v1, amountRao: TAO })),
  serveAxon: (netuid) =>
    Effect.flatMap(Chain, (chain) => chain.serveAxon({ netuid, hotkey: keys.m1.hotkey, ip: "127.0.0.2", port: 8091 })),
  setWeights: (netuid) =>
    Effect.flatMap(
      Chain,
      (chain) => chain.setWeights({ netuid, hotkey: keys.v1.hotkey, uids: [2], weights: [1], versionKey: 0 }),
    ),
  // Commit now, reveal an epoch later (the subnet's commit-reveal turned on by the sample's setHyperparameters).
  commitWeights: (netuid) =>
    Effect.gen(function*() {
      const chain = yield* Chain
      yield* chain.setHyperparameters(netuid, keys.owner, { commitRevealEnabled: true })
      yield* chain.commitWeights({
        netuid,
        hotkey: keys.v1.hotkey,
        commitHash: commitHash({ ...reveal(netuid), values: [7] }),
      })
    }),
  revealWeights: (netuid) =>
    Effect.gen(function*() {
      yield* toNextEpoch(netuid)
      yield* (yield* Chain).revealWeights(reveal(netuid))
    }),
}

let keys: {
  readonly owner: string
  readonly v1: { coldkey: string; hotkey: string }
  readonly m1: { coldkey: string; hotkey: string }
}
const reveal = (netuid: number) => ({
  netuid,
  hotkey: keys.v1.hotkey,
  uids: [2],
  weights: [7],
  salt: [3],
  versionKey: 0,
})

describe("ChainTrace", () => {
  it.effect("behavior: every call kind that changes the chain is recorded, and the replay rebuilds the same chain", () =>
    Effect.gen(function*() {
      const trace: Array<TraceCall> = []
      const chain = recording(yield* Chain, trace)
      const control = recording(yield* ChainControl, trace)
      const run = <A, E>(effect: Effect.Effect<A, E, Chain | ChainControl>) =>
        effect.pipe(Effect.provideService(Chain, chain), Effect.provideService(ChainControl, control))

      const subnet = yield* run(setupLocalSubnet({
        validatorStakesTao: [30],
        miners: 1,
        hyperparameters: { tempo: 10, weightsRateLimit: 0 },
      }))
      keys = {
        owner: (yield* chain.subnetState(subnet.netuid)).ownerColdkey,
        v1: subnet.validators[0]!,
        m1: subnet.miners[0]!,
      }
      for (const sample of Object.values(samples)) if (sample !== "setup") yield* run(sample(subnet.netuid))

      // The kinds are the table's mutating calls, each in the trace.
      assert.deepStrictEqual(
        [...TRACED].sort(),
        Object.entries(allCalls).flatMap(([name, call]) => (isMutating(call) ? [name] : [])).sort(),
      )
      assert.deepStrictEqual([...new Set(trace.map((c) => c.kind))].sort(), [...TRACED].sort())

      const original = yield* (yield* MockChain).state
      const replay = (calls: ReadonlyArray<TraceCall>) => replayTrace(calls, { mechanism: "yuma", onEpoch: () => {} })
      const all = replay(trace)
      assert.strictEqual(all.refused, 0)
      assert.deepStrictEqual(all.chain.toData(), original)
      // Each kind matters: a replay without it builds another chain.
      for (const kind of TRACED) {
        assert.notDeepEqual(replay(trace.filter((c) => c.kind !== kind)).chain.toData(), original, kind)
      }
    }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer)))))

  it("behavior: a trace keeps each call's parameters as given", () => {
    const trace: Array<TraceCall> = []
    const service = recording({ fund: (coldkey: string, rao: bigint) => Effect.succeed([coldkey, rao]) }, trace)
    Effect.runSync(service.fund("c", 5n * TAO))
    assert.deepStrictEqual(trace, [{ kind: "fund", params: ["c", 5n * TAO] }])
  })
})
