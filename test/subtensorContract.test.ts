/**
 * The Chain contract (packages/core/src/testing/Chain.contract.ts) on SubtensorChain against the real subtensor
 * runtime under chopsticks: SUBTENSOR_SPEC names a raw chain spec (the test starts `subnet localnet --chopsticks` on
 * it) or SUBTENSOR_WS a running chopsticks node; skipped otherwise. Written for spec 185, whose rules differ from the
 * mock chain's where `spec185Rules` says. Each test starts from the same chain head (`dev_setHead` to a snapshot
 * taken after the dev setup), so no test sees another's subnets, stake or rate limits.
 */
import { afterAll, beforeAll, describe } from "@effect/vitest"
import { Chain, DEV_SUDO_ADDRESS, devKeypair, devSignerLayer, keysReady } from "@subnetkit/core"
import { ChopsticksControl, SubtensorChain } from "@subnetkit/core/subtensor"
import { Effect, Layer, ManagedRuntime } from "effect"
import type { ChainRules } from "../packages/core/src/testing/Chain.contract.ts"
import { chainContract } from "../packages/core/src/testing/Chain.contract.ts"
import type { Proc } from "./processes.ts"
import { killAll, stop, subnet } from "./processes.ts"
import { freePort, SPEC, startNode, WS } from "./subtensorNode.ts"

const TAO = 1_000_000_000n
/** Blocks per commit-reveal interval of every subnet the contract creates (the runtime's default is 1000). */
const REVEAL_INTERVAL = 11

if (SPEC === undefined && WS === undefined) {
  console.log(
    "subtensorContract.test.ts skipped: set SUBTENSOR_SPEC=<raw chain spec, e.g. spec 185's scripts/specs/local.json> or SUBTENSOR_WS=<chopsticks ws url> to run the Chain contract on the real runtime",
  )
}

/**
 * How spec 185 legitimately differs from the mock chain (each found on the runtime, see the core README):
 * - tempo, max allowed uids and validators, and registrations per block are root-only (`AdminUtils` asks for root);
 * - the weights minimum stake is one global root value and there is no per-subnet `minNonImmuneUids` or liquid alpha;
 * - every extrinsic pays a fee (about 0.001 TAO), a refused one too;
 * - the burn is adjusted once per adjustment interval, not per registration;
 * - a commit is revealed in the commit-reveal interval after its own (set to 11 blocks here), not after an epoch;
 * - chopsticks builds a block per transaction, a refused one too;
 * - a registration on a full subnet replaces the highest of the lowest-scoring uids, the owner's included;
 * - a permit left for a zero stake goes to the highest such uid, not to the owner;
 * - an epoch's payout shows as stake one block after the epoch.
 */
const spec185Rules: ChainRules = {
  rootOnly: ["tempo", "maxAllowedUids", "maxAllowedValidators", "maxRegistrationsPerBlock"],
  unsupported: ["minNonImmuneUids", "stakeThresholdRao", "liquidAlpha"],
  fees: { maxFeeRao: TAO / 100n },
  burnRisesPerRegistration: false,
  revealOpens: { interval: REVEAL_INTERVAL },
  callsAreBlocks: true,
  pruneTie: "highestUid",
  ownerUidImmortal: false,
  zeroStakePermit: "highestUid",
  stakePaidAfterEpoch: 1,
}

/** Hotkeys the contract signs with: on the runtime an account pays (or at least must exist) to send a transaction. */
const SIGNING_HOTKEYS = ["owner-hot", "v1-hot", "v2-hot", "m1-hot", "m2-hot", "m3-hot", "ghost"]

describe.skipIf(SPEC === undefined && WS === undefined)(
  "SubtensorChain on the real runtime: the Chain contract",
  () => {
    let localnet: Proc | null = null
    let url = ""
    let snapshot = ""
    let admin: ManagedRuntime.ManagedRuntime<SubtensorChain, unknown> | undefined

    const connection = () => SubtensorChain.layer({ url, timeoutMs: 120_000 })

    beforeAll(async () => {
      await Effect.runPromise(keysReady)
      const node = await startNode()
      url = node.url
      localnet = node.localnet
      admin = ManagedRuntime.make(connection().pipe(Layer.provide(devSignerLayer)))
      snapshot = await admin.runPromise(Effect.gen(function*() {
        const sub = yield* SubtensorChain
        yield* ChopsticksControl.relaxRateLimits(DEV_SUDO_ADDRESS)
        // A dev chain's subnet lock cost (the runtime starts at 1000 TAO and doubles it per recent subnet).
        const fund = { providers: 1, data: { free: (1_000n * TAO).toString() } }
        yield* sub.rpc("dev_setStorage", [{
          // And room for the contract's subnets and stakes on a node other runs have used (SUBTENSOR_WS): 185 allows 12
          // subnets, and a few stakes per hotkey and coldkey in its stake interval.
          SubtensorModule: {
            NetworkMinLockCost: (100n * TAO).toString(),
            NetworkLastLockCost: (100n * TAO).toString(),
            SubnetLimit: 1024,
            TargetStakesPerInterval: 1_000_000,
          },
          System: { Account: SIGNING_HOTKEYS.map((name) => [[devKeypair(name).address], fund]) },
        }])
        // dev_setStorage writes into the head block: build one on it and return to that one before each test.
        yield* sub.rpc("dev_newBlock", [{ count: 1 }])
        return (yield* Effect.promise(() => sub.api.rpc.chain.getBlockHash())).toHex()
      }))
    }, 300_000)

    afterAll(async () => {
      await admin?.dispose()
      if (localnet !== null) await stop(localnet)
      killAll()
    })

    /** Back to the snapshot, on a fresh block of its own (`dev_setStorage` in a test must not write into the snapshot). */
    const reset = Effect.gen(function*() {
      const sub = yield* SubtensorChain
      yield* sub.rpc("dev_setHead", [snapshot])
      yield* sub.rpc("dev_newBlock", [{ count: 1 }])
    })

    /** Every new subnet gets emission, a short reveal interval and open registration, as root would give it on a dev chain. */
    const devChain = Layer.effect(
      Chain,
      Effect.gen(function*() {
        const chain = yield* Chain
        const sub = yield* SubtensorChain
        return Chain.of({
          ...chain,
          createSubnet: (input) =>
            Effect.tap(chain.createSubnet(input), (netuid) =>
              sub.rpc("dev_setStorage", [{
                SubtensorModule: {
                  EmissionValues: [[[netuid], TAO.toString()]],
                  WeightCommitRevealInterval: [[[netuid], REVEAL_INTERVAL]],
                  // Root-only and not a hyperparameter: a new subnet takes about one registration per interval otherwise.
                  TargetRegistrationsPerInterval: [[[netuid], 255]],
                },
              }])),
        })
      }),
    )

    chainContract(
      "SubtensorChain on spec 185 (chopsticks)",
      () =>
        Layer.unwrap(
          Effect.as(
            Effect.promise(() => admin!.runPromise(reset)),
            Layer.merge(devChain, ChopsticksControl.layer).pipe(Layer.provide(connection())),
          ),
        ),
      spec185Rules,
    )
  },
)
