/**
 * SubtensorChain against the real subtensor runtime. Runs when SUBTENSOR_SPEC names a raw chain spec (the test
 * starts `subnet localnet --chopsticks` on it) or SUBTENSOR_WS names a running chopsticks node (its dev_* RPCs drive
 * the blocks); skipped otherwise. Written for spec 185 (the runtime whose Yuma outputs are real, ../shared chain.md):
 * a subnet with 2 validators and 2 miners, two epochs with weights and one with hash commit-reveal, each compared
 * exactly with `@subnetkit/mechanisms` run on the inputs read at the block before the epoch.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import type { SubnetSnapshot } from "@subnetkit/core"
import type { WeightAction, WeightBook } from "@subnetkit/core"
import {
  Chain,
  ChainControl,
  commitHash,
  createWallet,
  emptyWeightBook,
  keypairFromUri,
  keysReady,
  sendWeights,
  signerLayer,
} from "@subnetkit/core"
import { ChopsticksControl, SubtensorChain } from "@subnetkit/core/subtensor"
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Proc } from "./processes.ts"
import { killAll, stop, subnet } from "./processes.ts"
import { nextEpochBlock, outputsOfChain, outputsOfMechanism, recompute } from "./subtensorEpoch.ts"
import { SPEC, startNode, WS } from "./subtensorNode.ts"

const TAO = 1_000_000_000n
const TEMPO = 10
/** Names this run's new hotkeys: 185 limits stakes per coldkey and hotkey in an interval, and SUBTENSOR_WS may be reused. */
const RUN = Date.now()

if (SPEC === undefined && WS === undefined) {
  console.log(
    "subtensor.test.ts skipped: set SUBTENSOR_SPEC=<raw chain spec, e.g. spec 185's scripts/specs/local.json> or SUBTENSOR_WS=<chopsticks ws url> to run SubtensorChain against the real runtime",
  )
}

const key = (uri: string) => keypairFromUri(uri)

describe.skipIf(SPEC === undefined && WS === undefined)("SubtensorChain on the real runtime", () => {
  let runtime: ManagedRuntime.ManagedRuntime<Chain | SubtensorChain | ChainControl, unknown>
  const run = <A>(effect: Effect.Effect<A, unknown, Chain | SubtensorChain | ChainControl>) =>
    runtime.runPromise(effect)
  let accounts: Record<string, string>
  let localnet: Proc | null = null
  let url: string

  beforeAll(async () => {
    await Effect.runPromise(keysReady)
    const node = await startNode()
    url = node.url
    localnet = node.localnet
    const uris = [
      "//Alice",
      "//Alice//sub2",
      "//Alice//cr",
      `//Alice//cr-validator-${RUN}`,
      `//Alice//cr-miner-${RUN}`,
      "//Bob",
      "//Bob//hot",
      "//Charlie",
      "//Charlie//hot",
      "//Dave",
      "//Dave//hot",
      "//Eve",
      "//Eve//hot",
      "//Ferdie",
      "//Ferdie//hot",
      "//Ferdie//miner",
      "//Ferdie//ghost",
    ]
    const keys = uris.map(key)
    accounts = Object.fromEntries(uris.map((u, i) => [u, keys[i]!.address]))
    const layer = ChopsticksControl.layer.pipe(
      Layer.provideMerge(SubtensorChain.layer({ url, timeoutMs: 120_000 })),
      Layer.provide(signerLayer(keys)),
    )
    runtime = ManagedRuntime.make(layer)
  }, 300_000)

  afterAll(async () => {
    await runtime?.dispose()
    if (localnet !== null) await stop(localnet)
    killAll()
  })

  const a = (uri: string) => accounts[uri]!

  /** Builds blocks up to `block - 1`, reads the full snapshot there, builds the epoch block, reads it, recomputes. */
  const epochAt = (netuid: number, block: number) =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const sub = yield* SubtensorChain
      const control = yield* ChainControl
      const head = yield* chain.currentBlock
      if (head < block - 1) yield* control.advance(block - 1 - head)
      assert.strictEqual(yield* chain.currentBlock, block - 1)
      const before: SubnetSnapshot = yield* sub.subnetStateAt(netuid, block - 1)
      const h = yield* chain.hyperparameters(netuid)
      yield* control.advance(1)
      const after = yield* sub.subnetStateAt(netuid, block)
      const expected = yield* Effect.promise(() => recompute(sub, before, block, h))
      return { before, after, chain: outputsOfChain(after), mechanism: outputsOfMechanism(expected) }
    })

  it("behavior: two epochs with weights, then one with hash commit-reveal, equal the mechanism's exactly", async () => {
    const report = await run(Effect.gen(function*() {
      const chain = yield* Chain
      const sub = yield* SubtensorChain
      const control = yield* ChainControl
      for (const hot of ["//Bob//hot", "//Charlie//hot", "//Dave//hot", "//Eve//hot"]) {
        yield* control.fund(a(hot), 100n * TAO)
      }
      yield* ChopsticksControl.relaxRateLimits(a("//Alice"))
      const netuid = yield* chain.createSubnet({ coldkey: a("//Alice"), hotkey: a("//Alice//sub2") })
      yield* chain.setHyperparameters(netuid, a("//Alice"), {
        tempo: TEMPO,
        weightsRateLimit: 0,
        maxRegistrationsPerBlock: 255,
        minAllowedWeights: 1,
        maxWeightLimit: 65535,
      })
      yield* ChopsticksControl.setSubnetEmission(netuid, TAO)
      const [v1, v2, m1, m2] = yield* Effect.forEach(
        ["//Bob", "//Charlie", "//Dave", "//Eve"],
        (c) => chain.burnedRegister({ netuid, coldkey: a(c), hotkey: a(`${c}//hot`) }),
      )
      assert.deepStrictEqual([v1, v2, m1, m2], [1, 2, 3, 4])
      yield* chain.addStake({ netuid, coldkey: a("//Bob"), hotkey: a("//Bob//hot"), amountRao: 30n * TAO })
      yield* chain.addStake({ netuid, coldkey: a("//Charlie"), hotkey: a("//Charlie//hot"), amountRao: 10n * TAO })
      yield* chain.serveAxon({ netuid, hotkey: a("//Dave//hot"), ip: "127.0.0.2", port: 8091 })
      yield* chain.serveAxon({ netuid, hotkey: a("//Eve//hot"), ip: "127.0.0.3", port: 8092 })
      const refused = yield* Effect.flip(
        chain.serveAxon({ netuid, hotkey: a("//Eve//hot"), ip: "127.0.0.1", port: 8092 }),
      )
      assert.strictEqual(refused._tag === "ChainError" ? refused.reason : refused._tag, "InvalidIpAddress")
      // One epoch gives the new uids their permits; then the validators disagree about the miners.
      yield* epochAt(netuid, nextEpochBlock((yield* chain.currentBlock) + 1, netuid, TEMPO))
      yield* chain.setWeights({
        netuid,
        hotkey: a("//Bob//hot"),
        uids: [m1!, m2!],
        weights: [60000, 20000],
        versionKey: 0,
      })
      yield* chain.setWeights({
        netuid,
        hotkey: a("//Charlie//hot"),
        uids: [m1!, m2!],
        weights: [30000, 50000],
        versionKey: 0,
      })
      const first = yield* epochAt(netuid, nextEpochBlock((yield* chain.currentBlock) + 1, netuid, TEMPO))
      const second = yield* epochAt(netuid, first.after.block + TEMPO + 1)
      const state = yield* chain.subnetState(netuid)
      assert.deepStrictEqual(state.neurons.map((n) => n.axon?.ip ?? null), [null, null, null, "127.0.0.2", "127.0.0.3"])

      // Hash commit-reveal (185: no salt in the hash; a reveal is taken in the interval after the commit's).
      const interval = 20
      const admin = sub.api.tx["adminUtils"]!
      yield* sub.submit(
        a("//Alice"),
        sub.calls.batchAll([
          sub.calls.sudo(admin["sudoSetCommitRevealWeightsEnabled"]!(netuid, true).method as never),
          sub.calls.sudo(admin["sudoSetCommitRevealWeightsInterval"]!(netuid, interval).method as never),
        ]),
        "enable commit-reveal",
      )
      const setRefused = yield* Effect.flip(
        chain.setWeights({ netuid, hotkey: a("//Bob//hot"), uids: [m1!, m2!], weights: [1, 1], versionKey: 0 }),
      )
      assert.strictEqual(setRefused._tag === "ChainError" ? setRefused.reason : setRefused._tag, "CommitRevealEnabled")
      if ((yield* chain.currentBlock) % interval > interval - 4) {
        yield* control.advance(interval - ((yield* chain.currentBlock) % interval))
      }
      const reveals = [
        { hotkey: a("//Bob//hot"), uids: [m1!, m2!], weights: [10000, 60000] },
        { hotkey: a("//Charlie//hot"), uids: [m1!, m2!], weights: [20000, 50000] },
      ]
      const commitStart = (yield* chain.currentBlock) + 1 - ((yield* chain.currentBlock) + 1) % interval
      for (const r of reveals) {
        yield* chain.commitWeights({
          netuid,
          hotkey: r.hotkey,
          commitHash: commitHash({
            netuid,
            hotkey: r.hotkey,
            uids: r.uids,
            values: r.weights,
            salt: sub.features.saltedReveal ? [] : null,
            versionKey: 0,
          }),
        })
      }
      const early = yield* Effect.flip(chain.revealWeights({ netuid, ...reveals[0]!, salt: [], versionKey: 0 }))
      assert.strictEqual(early._tag === "ChainError" ? early.reason : early._tag, "RevealTooEarly")
      yield* control.advance(commitStart + interval - (yield* chain.currentBlock))
      for (const r of reveals) yield* chain.revealWeights({ netuid, ...r, salt: [], versionKey: 0 })
      const revealed = yield* epochAt(netuid, nextEpochBlock((yield* chain.currentBlock) + 1, netuid, TEMPO))
      return { netuid, first, second, revealed }
    }))
    for (
      const [name, epoch] of [
        ["first", report.first],
        ["second", report.second],
        ["commit-reveal", report.revealed],
      ] as const
    ) {
      console.log(
        `${name} epoch at block ${epoch.after.block}:`,
        JSON.stringify(epoch.chain, (_, v) => (typeof v === "bigint" ? v.toString() : v)),
      )
      assert.deepStrictEqual(epoch.chain, epoch.mechanism, `${name} epoch`)
    }
    // The epochs were real: the miners were paid by incentive and the validators by dividends.
    assert.isTrue(report.first.chain.incentive[3]! > report.first.chain.incentive[4]!)
    assert.isTrue(report.revealed.chain.incentive[4]! > report.revealed.chain.incentive[3]!)
    assert.isTrue(report.second.chain.emission.every((e, uid) => (uid === 0 ? e === 0n : e > 0n)))
    assert.isTrue(report.second.chain.bonds[1]!.length === 2 && report.second.chain.bonds[2]!.length === 2)
  }, 900_000)

  it("error: the runtime's refusals arrive as the mock chain's typed errors and change nothing", async () => {
    const outcome = await run(Effect.gen(function*() {
      const chain = yield* Chain
      const control = yield* ChainControl
      // Hotkeys no other test uses: in 185 a hotkey's stake is global, and emission from other subnets moves it.
      const netuid = yield* chain.createSubnet({ coldkey: a("//Alice"), hotkey: key("//Alice//errors").address })
      yield* chain.setHyperparameters(netuid, a("//Alice"), {
        tempo: TEMPO,
        weightsRateLimit: 0,
        maxRegistrationsPerBlock: 255,
      })
      // Ferdie has not staked before in this file: 185 rate-limits stakes per coldkey and hotkey.
      const v = yield* chain.burnedRegister({ netuid, coldkey: a("//Ferdie"), hotkey: a("//Ferdie//hot") })
      const m = yield* chain.burnedRegister({ netuid, coldkey: a("//Ferdie"), hotkey: a("//Ferdie//miner") })
      yield* control.fund(a("//Ferdie//hot"), 10n * TAO)
      yield* chain.addStake({ netuid, coldkey: a("//Ferdie"), hotkey: a("//Ferdie//hot"), amountRao: 10n * TAO })
      yield* control.fund(a("//Ferdie//ghost"), TAO) // never registered anywhere (185 serves an axon for a hotkey registered on any subnet)
      yield* control.advance(TEMPO + 1) // permits
      // No epoch of this subnet while the refusals are checked: each refused call is still a block.
      yield* chain.setHyperparameters(netuid, a("//Alice"), { tempo: 1000 })
      const observe = Effect.gen(function*() {
        const state = yield* chain.subnetState(netuid)
        const balances = yield* Effect.forEach(
          ["//Alice", "//Ferdie", "//Charlie", "//Dave"],
          (c) => chain.balance(a(c)),
        )
        return { neurons: state.neurons, balances, hyperparameters: yield* chain.hyperparameters(netuid) }
      })
      const reasons: Array<[string, string]> = []
      const refused = <A, E extends { _tag: string }, R>(label: string, call: Effect.Effect<A, E, R>) =>
        Effect.gen(function*() {
          const before = yield* observe
          const e = yield* Effect.flip(
            Effect.andThen(call, () => Effect.die(new Error(`${label}: the runtime accepted the call`))),
          )
          reasons.push([label, e._tag === "ChainError" ? (e as unknown as { reason: string }).reason : e._tag])
          const after = yield* observe
          // Balances may only lose a transaction fee: a refused call is still an included extrinsic.
          assert.deepStrictEqual({ ...after, balances: [] }, { ...before, balances: [] }, label)
        })
      const w = (hotkey: string, uids: Array<number>, weights: Array<number>, versionKey = 0) =>
        chain.setWeights({ netuid, hotkey, uids, weights, versionKey })
      yield* refused(
        "register twice",
        chain.burnedRegister({ netuid, coldkey: a("//Ferdie"), hotkey: a("//Ferdie//hot") }),
      )
      yield* refused(
        "no such subnet",
        chain.burnedRegister({ netuid: 99, coldkey: a("//Charlie"), hotkey: a("//Charlie//hot") }),
      )
      yield* refused(
        "stake to another's hotkey",
        chain.addStake({ netuid, coldkey: a("//Charlie"), hotkey: a("//Ferdie//hot"), amountRao: TAO }),
      )
      yield* refused("unequal lengths", w(a("//Ferdie//hot"), [m], [1, 2]))
      yield* refused("duplicate uids", w(a("//Ferdie//hot"), [m, m], [1, 2]))
      yield* refused("unknown uid", w(a("//Ferdie//hot"), [m, 42], [1, 2]))
      yield* refused("weight over u16", w(a("//Ferdie//hot"), [m], [70_000]))
      yield* refused("unregistered hotkey", w(a("//Ferdie//ghost"), [m], [1]))
      yield* refused("axon port 0", chain.serveAxon({ netuid, hotkey: a("//Ferdie//miner"), ip: "127.0.0.2", port: 0 }))
      yield* refused(
        "axon of an unregistered hotkey",
        chain.serveAxon({ netuid, hotkey: a("//Ferdie//ghost"), ip: "127.0.0.2", port: 1 }),
      )
      yield* refused("not the owner", chain.setHyperparameters(netuid, a("//Ferdie"), { kappaU16: 1000 }))
      yield* refused(
        "no key for the account",
        chain.addStake({
          netuid,
          coldkey: keypairFromUri("//Nobody").address,
          hotkey: a("//Ferdie//hot"),
          amountRao: TAO,
        }),
      )
      yield* w(a("//Ferdie//hot"), [m], [1]) // and a valid call still goes through
      return { reasons, v }
    }))
    assert.deepStrictEqual(outcome.reasons, [
      ["register twice", "HotKeyAlreadyRegisteredInSubNet"],
      ["no such subnet", "SubnetNotExists"],
      ["stake to another's hotkey", "NonAssociatedColdKey"],
      ["unequal lengths", "WeightVecNotEqualSize"],
      ["duplicate uids", "DuplicateUids"],
      ["unknown uid", "UidVecContainInvalidOne"],
      ["weight over u16", "InvalidArguments"],
      ["unregistered hotkey", "HotKeyNotRegisteredInSubNet"],
      ["axon port 0", "InvalidPort"],
      ["axon of an unregistered hotkey", "HotKeyNotRegisteredInSubNet"],
      ["not the owner", "NotSubnetOwner"],
      ["no key for the account", "BadOrigin"],
    ])
  }, 600_000)

  it(
    "behavior: the validator runtime's weight setter commits the runtime's unsalted hash and its reveal is accepted",
    async () => {
      const outcome = await run(Effect.gen(function*() {
        const chain = yield* Chain
        const sub = yield* SubtensorChain
        const control = yield* ChainControl
        const netuid = yield* chain.createSubnet({ coldkey: a("//Alice"), hotkey: a("//Alice//cr") })
        yield* chain.setHyperparameters(netuid, a("//Alice"), {
          tempo: TEMPO,
          weightsRateLimit: 0,
          maxRegistrationsPerBlock: 255,
          minAllowedWeights: 1,
          maxWeightLimit: 65535,
        })
        const [validator, miner] = [a(`//Alice//cr-validator-${RUN}`), a(`//Alice//cr-miner-${RUN}`)]
        yield* control.fund(validator, 10n * TAO)
        const v = yield* chain.burnedRegister({ netuid, coldkey: a("//Alice"), hotkey: validator })
        const m = yield* chain.burnedRegister({ netuid, coldkey: a("//Alice"), hotkey: miner })
        yield* chain.addStake({ netuid, coldkey: a("//Alice"), hotkey: validator, amountRao: 10n * TAO })
        yield* control.advance(TEMPO + 1) // permits
        const interval = 12
        const admin = sub.api.tx["adminUtils"]!
        yield* chain.setHyperparameters(netuid, a("//Alice"), { commitRevealEnabled: true })
        yield* sub.submit(
          a("//Alice"),
          sub.calls.sudo(admin["sudoSetCommitRevealWeightsInterval"]!(netuid, interval).method as never),
          "reveal interval",
        )
        // The validator runtime's own path: one sendWeights call per block, as its step loop makes them.
        let book: WeightBook = emptyWeightBook
        const actions: Array<[number, WeightAction]> = []
        for (let i = 0; i < 4 * interval && !actions.some(([, act]) => act === "revealed"); i++) {
          const block = yield* chain.currentBlock
          const done = yield* sendWeights({
            netuid,
            hotkey: validator,
            versionKey: 0,
            block,
            n: 3,
            uids: [m],
            scores: () => [1],
            book,
            save: (next) => Effect.sync(() => void (book = next)),
          })
          for (const act of done) actions.push([block, act])
          yield* control.advance(1)
        }
        return {
          actions,
          revealTakesSalt: chain.revealTakesSalt,
          weights: (yield* chain.subnetState(netuid)).neurons[v]!.weights,
          m,
          interval,
        }
      }))
      console.log(`weight setter on spec 185: ${JSON.stringify(outcome.actions)} (reveal interval ${outcome.interval})`)
      assert.isFalse(outcome.revealTakesSalt)
      assert.deepStrictEqual(outcome.actions.map(([, act]) => act).slice(0, 2), ["committed", "revealed"])
      assert.deepStrictEqual(outcome.weights, [[outcome.m, 65535]])
    },
    600_000,
  )

  it(
    "behavior: `subnet validator` and two `subnet miner` processes of the arithmetic subnet run on it: the honest miners get the incentive",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "subnet-subtensor-"))
      const wallets = join(dir, "wallets")
      const names = ["validator-1", "miner-1", "miner-2"]
      const created = await Promise.all(
        names.map((name) => createWallet({ root: wallets, name, unencryptedColdkey: true })),
      )
      const [vHot, m1Hot, m2Hot] = created.map((w) => w.hotkey) as [string, string, string]
      const netuid = await run(Effect.gen(function*() {
        const chain = yield* Chain
        const control = yield* ChainControl
        const netuid = yield* chain.createSubnet({ coldkey: a("//Alice"), hotkey: a("//Alice//sub2") })
        yield* chain.setHyperparameters(netuid, a("//Alice"), {
          tempo: TEMPO,
          weightsRateLimit: 0,
          maxRegistrationsPerBlock: 255,
          minAllowedWeights: 1,
        })
        yield* ChopsticksControl.setSubnetEmission(netuid, TAO)
        // //Alice registers and stakes for the wallets' hotkeys (the processes hold only their hotkeys).
        for (const hot of [vHot, m1Hot, m2Hot]) {
          yield* control.fund(hot, 10n * TAO)
          yield* chain.burnedRegister({ netuid, coldkey: a("//Alice"), hotkey: hot })
        }
        yield* chain.addStake({ netuid, coldkey: a("//Alice"), hotkey: vHot, amountRao: 50n * TAO })
        yield* control.advance(TEMPO + 1) // an epoch: permits
        return netuid
      }))
      // Blocks every 0.5 s while the processes run (chopsticks builds one per transaction otherwise).
      let building: Promise<unknown> | null = null
      const driver = setInterval(() => {
        if (building !== null) return
        building = run(Effect.gen(function*() {
          yield* (yield* ChainControl).advance(1)
        })).catch(() => undefined).finally(() => (building = null))
      }, 500)
      try {
        const common = ["--subnet", "arithmetic", "--wallets", wallets, "--network", url, "--netuid", String(netuid)]
        // Not 127.0.0.1: the runtime refuses that axon address; 127.0.0.x is still loopback.
        const miners = [["miner-1", "127.0.0.2"], ["miner-2", "127.0.0.3"]].map(([w, host]) =>
          subnet(["miner", ...common, "--wallet", w!, "--host", host!])
        )
        await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/, 180_000)))
        const validator = subnet([
          "validator",
          ...common,
          "--wallet",
          "validator-1",
          "--timeout-ms",
          "3000",
          "--sample",
          "8",
        ])
        await validator.waitFor(/validator\.started/, 180_000)
        let weightedAt = 0
        let last: SubnetSnapshot | undefined
        for (let i = 0; i < 600; i++) { // each round waits for a new block: bounded by the chain, not by a sleep
          const snapshot: SubnetSnapshot = await run(Effect.gen(function*() {
            const c = yield* Chain
            yield* c.waitForBlock((yield* c.currentBlock) + 1)
            return yield* c.subnetState(netuid)
          }))
          last = snapshot
          const v = snapshot.neurons.find((n) => n.hotkey === vHot)!
          if (weightedAt === 0 && v.weights.length > 0) weightedAt = v.lastUpdate
          if (weightedAt > 0 && snapshot.block >= weightedAt + 2 * (TEMPO + 1)) break
        }
        const incentive = (hot: string) => last!.neurons.find((n) => n.hotkey === hot)!.incentive
        console.log(
          `validator weighted at block ${weightedAt}; at block ${last!.block}: miner incentives ${incentive(m1Hot)}, ${
            incentive(m2Hot)
          }; validator dividends ${last!.neurons.find((n) => n.hotkey === vHot)!.dividends}`,
        )
        assert.isTrue(weightedAt > 0, "the validator never set weights")
        assert.isTrue(incentive(m1Hot) > 0 && incentive(m2Hot) > 0, "both honest miners are paid")
        assert.isTrue(incentive(m1Hot) + incentive(m2Hot) >= 65533)
        assert.deepStrictEqual([m1Hot, m2Hot].map((h) => last!.neurons.find((n) => n.hotkey === h)!.axon?.ip), [
          "127.0.0.2",
          "127.0.0.3",
        ])
        await Promise.all([validator, ...miners].map((p) => stop(p)))
      } finally {
        clearInterval(driver)
        await building
      }
    },
    900_000,
  )

  it(
    "behavior: `subnet miner|validator --register --network` register with the wallet's coldkey, then serve and validate with its hotkey",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "subnet-subtensor-register-"))
      const wallets = join(dir, "wallets")
      const [mw, vw] = await Promise.all(
        ["reg-miner", "reg-validator"].map((name) => createWallet({ root: wallets, name, unencryptedColdkey: true })),
      )
      // Only the coldkeys hold TAO, as a user's new wallets would: the burn is paid by the coldkey.
      const netuid = await run(Effect.gen(function*() {
        const chain = yield* Chain
        const control = yield* ChainControl
        const netuid = yield* chain.createSubnet({ coldkey: a("//Alice"), hotkey: key("//Alice//register").address })
        yield* chain.setHyperparameters(netuid, a("//Alice"), {
          tempo: TEMPO,
          weightsRateLimit: 0,
          maxRegistrationsPerBlock: 255,
          minAllowedWeights: 1,
        })
        for (const w of [mw!, vw!]) yield* control.fund(w.coldkey, 10n * TAO)
        return netuid
      }))
      const common = [
        "--subnet",
        "arithmetic",
        "--wallets",
        wallets,
        "--network",
        url,
        "--netuid",
        String(netuid),
        "--register",
      ]
      const miner = subnet(["miner", ...common, "--wallet", "reg-miner", "--host", "127.0.0.2"])
      await miner.waitFor(/miner\.serving/, 180_000)
      const validator = subnet(["validator", ...common, "--wallet", "reg-validator", "--timeout-ms", "3000"])
      await validator.waitFor(/validator\.started/, 180_000)
      const state: SubnetSnapshot = await run(Effect.gen(function*() {
        return yield* (yield* Chain).subnetState(netuid)
      }))
      await Promise.all([validator, miner].map((p) => stop(p)))
      const neuron = (hotkey: string) => state.neurons.find((n) => n.hotkey === hotkey)
      assert.strictEqual(neuron(mw!.hotkey)?.coldkey, mw!.coldkey)
      assert.strictEqual(neuron(vw!.hotkey)?.coldkey, vw!.coldkey)
      assert.strictEqual(neuron(mw!.hotkey)?.axon?.ip, "127.0.0.2")
    },
    600_000,
  )
})
