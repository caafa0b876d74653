/**
 * The scenarios shipped under scenarios/ show what the docs claim: a sybil operator's split pays when its model has
 * the capacity, and a copier that copies the other validators' current weights keeps up with honest validators
 * unless commit-reveal hides them while miner quality shifts.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { arithmetic } from "../examples/arithmetic.ts"
import { decodeScenario } from "./Scenario.ts"
import { simulate } from "./simulate.ts"
import type { SimulationRun } from "./SimulationResult.ts"

const shipped = (name: string) =>
  decodeScenario(JSON.parse(readFileSync(join(import.meta.dirname, "../../../../scenarios", `${name}.json`), "utf8")))
const perStake = (r: SimulationRun, group: string) =>
  r.validators.filter((v) => v.group === group).map((v) => v.dividendsPerStake)
const mean = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0) / xs.length

describe("scenarios/sybil-capacity-*.json: one operator, one model, 1 to 8 hotkeys", () => {
  it.effect("behavior: at capacity 8 the 8-hotkey operator out-earns every 1-hotkey operator, ranks first, and the headline says by how much", () =>
    Effect.gen(function*() {
      const r = yield* simulate(shipped("sybil-capacity-8"), { subnet: arithmetic })
      const [first] = r.operators
      assert.strictEqual(first!.name, "split-8/1")
      assert.strictEqual(first!.hotkeys, 8)
      assert.deepStrictEqual(r.operators.map((o) => o.rank), r.operators.map((_, i) => i + 1))
      for (let i = 1; i < r.operators.length; i++) {
        assert.isAtLeast(r.operators[i - 1]!.netProfitTao, r.operators[i]!.netProfitTao)
      }
      const singles = r.operators.filter((o) => o.group === "one-hotkey")
      for (const o of singles) assert.isAbove(first!.netProfitTao, 4 * o.netProfitTao, o.name)
      // Per hotkey the split earns about what a single hotkey does: its 8 hotkeys are 8 full shares.
      assert.closeTo(first!.perHotkeyTao, mean(singles.map((o) => o.perHotkeyTao)), 0.2 * first!.perHotkeyTao)
      const headline = r.sybilAdvantage!
      assert.strictEqual(headline.split.operator, "split-8/1")
      assert.strictEqual(headline.capacity, 8)
      assert.strictEqual(headline.single.operators, 4)
      assert.closeTo(headline.single.netProfitTao, mean(singles.map((o) => o.netProfitTao)), 1e-6)
      assert.isAbove(headline.ratio!, 4)
      assert.closeTo(headline.differenceTao, headline.split.netProfitTao - headline.single.netProfitTao, 1e-6)
      // The group table ranks by net per operator too.
      assert.strictEqual(r.profiles.find((p) => p.name === "split-8")!.rank, 1)
    }))

  it.effect("behavior: at capacity 1 the 8 hotkeys queue for one model and time out: splitting wide stops paying", () =>
    Effect.gen(function*() {
      const r = yield* simulate(shipped("sybil-capacity-1"), { subnet: arithmetic })
      const net = (name: string) => r.operators.find((o) => o.name === name)!.netProfitTao
      assert.isBelow(net("split-8/1"), net("split-2/1"))
      assert.isBelow(r.answers["split-8"]!.statuses["ok"]! / r.answers["split-8"]!.answers, 0.5) // most answers arrive late
      assert.isBelow(r.sybilAdvantage!.ratio!, 3)
    }))
})

describe("scenarios/copier-*.json: a fresh-copier (copies the current stake-weighted weights) against honest validators", () => {
  it.effect("behavior: copier-small (4 miners leave, 4 better ones join at epoch 20), commit-reveal off: within 5% of the honest mean, under Yuma 3 and Yuma 2", () =>
    Effect.gen(function*() {
      const r = yield* simulate(shipped("copier-small"), { subnet: arithmetic, compare: ["yuma2"] })
      for (const run of [r, r.compare[0]!]) {
        const honest = mean(perStake(run, "honest"))
        const [copier] = perStake(run, "copier")
        assert.closeTo(copier!, honest, 0.05 * honest, run.mechanism)
      }
    }))

  it.effect("behavior: copier-small-commit-reveal (the same with commit-reveal on): it earns less than every honest validator", () =>
    Effect.gen(function*() {
      const r = yield* simulate(shipped("copier-small-commit-reveal"), { subnet: arithmetic, compare: ["yuma2"] })
      for (const run of [r, r.compare[0]!]) {
        const [copier] = perStake(run, "copier")
        for (const honest of perStake(run, "honest")) assert.isBelow(copier!, honest, run.mechanism)
      }
      // It copies what was revealed a tempo ago; Yuma 3 at least 3% less than the honest mean, Yuma 2 at least 15%.
      assert.isBelow(perStake(r, "copier")[0]!, 0.97 * mean(perStake(r, "honest")))
      assert.isBelow(perStake(r.compare[0]!, "copier")[0]!, 0.85 * mean(perStake(r.compare[0]!, "honest")))
    }))
})

describe("scenarios/copier-large.json: 256 miners × 64 validators, each sampling 12 miners a round", () => {
  it.effect(
    "behavior: sparse sampling makes honest weights noisy; the fresh-copier's averaged copy out-earns every honest validator (Yuma 3)",
    () =>
      Effect.gen(function*() {
        const r = yield* simulate(shipped("copier-large"), { subnet: arithmetic })
        const honest = perStake(r, "honest")
        assert.lengthOf(honest, 60)
        for (const copier of perStake(r, "fresh-copier")) assert.isAbove(copier, Math.max(...honest))
      }),
    180_000,
  )
})
