import { assert, describe, it } from "@effect/vitest"
import { blockEmission } from "@subnetkit/mechanisms"
import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chainContract, OWNER, setupSubnet, validator } from "../testing/Chain.contract.ts"
import { Chain } from "./Chain.ts"
import { MockChain } from "./MockChain.ts"
import { devSignerLayer } from "./Signer.ts"

chainContract("MockChain", () => MockChain.layer())

const readState = Effect.gen(function*() {
  return yield* (yield* MockChain).state
})

describe("MockChain", () => {
  it.effect("behavior: an epoch pays exactly the block emissions since the last one (tempo + 1 blocks)", () =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const mock = yield* MockChain
      const netuid = yield* setupSubnet()
      yield* chain.setWeights({
        netuid,
        hotkey: validator(1).hotkey,
        uids: [3, 4, 5],
        weights: [1, 1, 1],
        versionKey: 0,
      })
      yield* chain.setWeights({
        netuid,
        hotkey: validator(2).hotkey,
        uids: [3, 4, 5],
        weights: [1, 1, 1],
        versionKey: 0,
      })
      const issuance = (yield* mock.state).issuanceRao
      const before = yield* mock.payouts
      // setupSubnet ends in an epoch block; the next epoch is tempo + 1 = 11 blocks later.
      assert.deepStrictEqual(yield* mock.advance(10), [])
      const payouts = yield* mock.advance(1)
      assert.strictEqual(payouts.length, 1)
      const p = payouts[0]!
      let expected = 0n
      for (let b = 0, i = issuance; b < 11; b++) {
        const e = blockEmission(i)
        expected += e
        i += e
      }
      const sum = (xs: ReadonlyArray<bigint>) => xs.reduce((a, b) => a + b, 0n)
      assert.strictEqual(p.ownerRao + sum(p.minerRao) + sum(p.validatorRao), expected)
      assert.strictEqual(p.totalRao, expected)
      assert.strictEqual((yield* mock.payouts).length, before.length + 1)
    }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer)))))

  it.effect("behavior: snapshot and restore give back the same chain", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "mockchain-"))
      const path = join(dir, "chain.json")
      const original = yield* Effect.gen(function*() {
        yield* setupSubnet()
        yield* (yield* MockChain).save(path)
        return yield* (yield* MockChain).state
      }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer))))
      const restored = yield* readState.pipe(
        Effect.provide(MockChain.layerFromFile(path).pipe(Layer.provide(devSignerLayer))),
      )
      assert.deepStrictEqual(restored, original)
    }))

  it.effect("error: a corrupt snapshot names the file and the field", () =>
    Effect.gen(function*() {
      const dir = mkdtempSync(join(tmpdir(), "mockchain-"))
      const path = join(dir, "chain.json")
      yield* Effect.gen(function*() {
        yield* setupSubnet()
        yield* (yield* MockChain).save(path)
      }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer))))
      const data = JSON.parse(readFileSync(path, "utf8"))
      data.subnets[0].neurons[1].lastUpdate = -4
      writeFileSync(path, JSON.stringify(data))
      const error = yield* Effect.flip(
        readState.pipe(Effect.provide(MockChain.layerFromFile(path).pipe(Layer.provide(devSignerLayer)))),
      )
      assert.strictEqual(error._tag, "SnapshotError")
      assert.match(error.message, /chain\.json: .*lastUpdate/)
    }))

  it.effect("behavior: the owner is paid the owner cut", () =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const netuid = yield* setupSubnet()
      const before = yield* chain.balance(OWNER.coldkey)
      const [p] = yield* (yield* MockChain).advance(11)
      assert.strictEqual((yield* chain.balance(OWNER.coldkey)) - before, p!.ownerRao)
      assert.approximately(Number(p!.ownerRao) / Number(p!.totalRao), 0.18, 0.001)
      assert.strictEqual(netuid, 1)
    }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer)))))

  it.effect("behavior: with blockTimeMs the chain produces blocks on the clock", () =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const start = yield* chain.currentBlock
      const waiter = yield* Effect.forkChild(chain.waitForBlock(start + 3))
      yield* TestClock.adjust("36 seconds")
      assert.strictEqual(yield* Fiber.join(waiter), start + 3)
    }).pipe(Effect.provide(MockChain.layer({ blockTimeMs: 12_000 }).pipe(Layer.provide(devSignerLayer)))))

  it.effect("behavior: the registration burn rises with each registration and decays per block", () =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const mock = yield* MockChain
      const netuid = yield* setupSubnet()
      const afterBurst = yield* chain.registrationCost(netuid)
      yield* mock.advance(360) // one half-life
      const decayed = yield* chain.registrationCost(netuid)
      assert.approximately(Number(decayed) / Number(afterBurst), 0.5, 0.01)
    }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer)))))

  it.effect("error: refused calls leave the whole chain state byte-identical", () =>
    Effect.gen(function*() {
      const chain = yield* Chain
      const mock = yield* MockChain
      const netuid = yield* setupSubnet()
      const before = yield* mock.state
      const refusals = [
        chain.setWeights({ netuid, hotkey: validator(1).hotkey, uids: [3, 3], weights: [1, 1], versionKey: 0 }),
        chain.burnedRegister({ netuid, coldkey: "nobody", hotkey: "nobody-hot" }),
        chain.addStake({ netuid, coldkey: "nobody", hotkey: validator(1).hotkey, amountRao: 1n }),
        chain.revealWeights({ netuid, hotkey: validator(1).hotkey, uids: [3], weights: [1], salt: [], versionKey: 0 }),
        chain.setHyperparameters(netuid, OWNER.coldkey, { kappaU16: 70_000 }),
      ]
      for (const call of refusals) yield* Effect.flip(call)
      assert.deepStrictEqual(yield* mock.state, before)
    }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer)))))
})
