/**
 * Adversarial simulations on the arithmetic subnet: the real miner handler and validator runtime, in simulated time,
 * on the mock chain. Each test states what the mechanism should (or, measured, does) do to a kind of attacker.
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { arithmetic } from "../examples/arithmetic.ts"
import type { MinerProfile } from "./MinerProfile.ts"
import type { Scenario } from "./Scenario.ts"
import { decodeScenario, defaultScenario, ScenarioError } from "./Scenario.ts"
import { simulate } from "./simulate.ts"
import type { SimulationRun } from "./SimulationResult.ts"

const run = (scenario: Scenario, compare: ReadonlyArray<string> = []) =>
  simulate(scenario, { subnet: arithmetic, compare })
const profile = (r: SimulationRun, name: string) => r.profiles.find((p) => p.name === name)!
const validator = (r: SimulationRun, name: string) => r.validators.find((v) => v.name === name)!
const miner = (r: SimulationRun, hotkey: string) => r.miners.find((m) => m.hotkey === hotkey)!

describe("simulate: the default scenario", () => {
  it.effect("behavior: an honest hotkey earns more than a lazy, random, offline, slow, copycat or sybil hotkey; per operator the sybil nets most", () =>
    Effect.gen(function*() {
      const r = yield* run(defaultScenario)
      const honest = profile(r, "honest").perHotkeyTao
      assert.isAbove(honest, 0)
      for (const name of ["lazy", "random", "offline", "slow", "copycat", "sybil"]) {
        assert.isAbove(honest, profile(r, name).perHotkeyTao, `honest vs ${name}`)
      }
      // Ranks are per operator: the sybil's 4 hotkeys on one model net more than one honest hotkey.
      assert.strictEqual(profile(r, "sybil").rank, 1)
      assert.strictEqual(profile(r, "honest").rank, 2)
      assert.deepStrictEqual(r.operators.slice(0, 2).map((o) => o.group), ["sybil", "sybil"])
      assert.strictEqual(r.operators.length, 22)
      assert.isAbove(r.sybilAdvantage!.differenceTao, 0)
      assert.strictEqual(r.sybilAdvantage!.split.hotkeys, 4)
      // Shares over the run add up to the whole miner pool.
      assert.closeTo(r.profiles.reduce((s, p) => s + p.emissionShare, 0), 1, 1e-6)
      assert.closeTo(r.validators.reduce((s, v) => s + v.dividendShare, 0), 1, 1e-6)
      // Economics: the sybil operator paid a burn per hotkey; its net per operator sits next to an honest one's.
      const sybil = profile(r, "sybil")
      assert.strictEqual(sybil.miners, 8)
      assert.strictEqual(sybil.operators, 2)
      assert.closeTo(sybil.netProfitTao, sybil.emissionTao - sybil.burnTao - sybil.costTao, 1e-6)
      assert.isAbove(sybil.burnTao, 4 * profile(r, "honest").burnTao / 6)
      assert.isTrue(Number.isFinite(sybil.netPerOperatorTao) && Number.isFinite(profile(r, "honest").netPerOperatorTao))
      // What the scorer saw: why each kind of miner lost reward.
      assert.isAbove(r.answers["honest"]!.meanReward, 0.95)
      assert.isAbove(r.answers["offline"]!.statuses["error"]!, 0) // unreachable
      assert.isAbove(r.answers["slow"]!.statuses["timeout"]!, 0)
      assert.isAbove(r.answers["sybil"]!.statuses["timeout"]!, 0) // its hotkeys queue for one model
      assert.strictEqual(r.answers["random"]!.meanReward, 0)
    }))

  it.effect("behavior: a copycat earns less than the miner it copies (its copy is always one round late)", () =>
    Effect.gen(function*() {
      const r = yield* run({ ...defaultScenario, epochs: 20 })
      // copycat operator i copies honest hotkey i.
      for (const i of [1, 2]) {
        assert.isBelow(miner(r, `m/copycat/${i}`).emissionTao, miner(r, `m/honest/${i}`).emissionTao)
      }
    }))

  it.effect("behavior: the same seed gives byte-identical results; another seed does not", () =>
    Effect.gen(function*() {
      const short = { ...defaultScenario, epochs: 8 }
      const a = JSON.stringify(yield* run(short, ["yuma2"]))
      const b = JSON.stringify(yield* run(short, ["yuma2"]))
      const c = JSON.stringify(yield* run({ ...short, seed: 2 }, ["yuma2"]))
      assert.strictEqual(a, b)
      assert.notStrictEqual(a, c)
    }))

  it.effect("behavior: replaying the trace under the run's own mechanism reproduces the run exactly", () =>
    Effect.gen(function*() {
      const r = yield* run({ ...defaultScenario, epochs: 10 }, ["yuma", "wta"])
      const [same, wta] = r.compare
      assert.deepStrictEqual(
        { ...same!, mechanism: r.mechanism },
        {
          mechanism: r.mechanism,
          profiles: r.profiles,
          operators: r.operators,
          sybilAdvantage: r.sybilAdvantage,
          validators: r.validators,
          miners: r.miners,
          totals: r.totals,
          series: r.series,
          lastEpoch: r.lastEpoch,
          refusedInReplay: 0,
        },
      )
      // Winner-take-all pays the whole miner pool to one hotkey each epoch.
      assert.closeTo(wta!.profiles.reduce((s, p) => s + p.emissionShare, 0), 1, 1e-6)
      assert.notDeepEqual(wta!.profiles, r.profiles)
    }))
})

describe("simulate: colluding validators", () => {
  const cabalScenario = (cabalMiners: string, cabalValidator: "cabal" | "honest"): Scenario => ({
    ...defaultScenario,
    epochs: 40,
    miners: [{ name: "honest", profile: "honest", count: 6 }, { name: "own", profile: cabalMiners, count: 3 }],
    validators: [
      { name: "honest", profile: "honest", count: 3, stakeTao: 700 },
      // 900 of 3000 TAO: a 30% cabal.
      {
        name: "cabal",
        profile: cabalValidator,
        count: 1,
        stakeTao: 900,
        ...(cabalValidator === "cabal" ? { params: { favors: "own" } } : {}),
      },
    ],
  })

  it.effect("behavior: a 30% cabal gets nothing for miners the honest validators do not value (Yuma clipping)", () =>
    Effect.gen(function*() {
      const colluding = yield* run(cabalScenario("random", "cabal"), ["yuma2"])
      for (const r of [colluding, colluding.compare[0]!]) {
        assert.strictEqual(profile(r, "own").emissionShare, 0, r.mechanism)
        assert.isTrue(r.lastEpoch.weights[3]!.some((w) => w > 0)) // it did weight them
      }
      // Colluding costs the cabal its dividends.
      const baseline = yield* run(cabalScenario("random", "honest"))
      assert.isBelow(
        validator(colluding, "cabal").dividendsPerStake,
        validator(baseline, "cabal").dividendsPerStake / 2,
      )
    }))

  it.effect("behavior: on miners honest validators do value, the cabal's weight is clipped to at most the highest honest weight", () =>
    Effect.gen(function*() {
      const r = yield* run(cabalScenario("lazy", "cabal"))
      const own = r.lastEpoch.miners.flatMap((hotkey, j) => (hotkey.startsWith("m/own/") ? [j] : []))
      for (const j of own) {
        const highestHonest = Math.max(...[0, 1, 2].map((v) => r.lastEpoch.weights[v]![j]!))
        assert.isAtMost(r.lastEpoch.consensus[j]!, highestHonest + 1e-3)
        assert.isAbove(r.lastEpoch.weights[3]![j]!, highestHonest) // what the cabal asked for
      }
    }))
})

describe("simulate: registration", () => {
  it.effect("behavior: hotkeys register in an order shuffled by the seed, so under a rising burn no group always pays the most", () =>
    Effect.gen(function*() {
      // Two identical groups of 6 under a burn that rises ×1.26 per registration: whoever registers last pays most.
      const rising: Scenario = {
        ...defaultScenario,
        epochs: 1,
        hyperparameters: { tempo: 20, weightsRateLimit: 20, burnIncreaseMilli: 1260, maxRegistrationsPerBlock: 12 },
        miners: [{ name: "a", profile: "honest", count: 6 }, { name: "b", profile: "honest", count: 6 }],
      }
      const paidMore: Array<string> = []
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const r = yield* run({ ...rising, seed })
        const [a, b] = [profile(r, "a").burnTao, profile(r, "b").burnTao]
        assert.notStrictEqual(a, b)
        paidMore.push(a > b ? "a" : "b")
      }
      assert.includeMembers(paidMore, ["a", "b"])
    }))
})

describe("simulate: a weight-copier while miner quality changes", () => {
  const changing: Scenario = {
    ...defaultScenario,
    epochs: 60,
    miners: [
      { name: "old", profile: "honest", count: 4, leaveEpoch: 20 },
      { name: "mid", profile: "lazy", count: 4, params: { quality: 0.5 } },
      { name: "new", profile: "honest", count: 4, joinEpoch: 20 },
    ],
    validators: [
      { name: "honest", profile: "honest", count: 3, stakeTao: 1000 },
      { name: "copier", profile: "weight-copier", count: 1, stakeTao: 1000 },
    ],
  }

  it.effect("behavior: under Yuma 3 (and Yuma 2) the copier earns lower dividends per stake than every honest validator", () =>
    Effect.gen(function*() {
      const r = yield* run({ ...changing, mechanism: "yuma3" }, ["yuma2"])
      for (const result of [r, r.compare[0]!]) {
        const copier = validator(result, "copier").dividendsPerStake
        for (const v of result.validators.filter((x) => x.group === "honest")) {
          assert.isBelow(copier, v.dividendsPerStake, `${result.mechanism}: ${v.name}`)
        }
      }
      // The leavers stop earning and the newcomers start.
      assert.isBelow(r.series.emissionShare["old"]!.at(-1)!, 0.01) // scores of the gone fade by the EMA
      assert.strictEqual(r.series.emissionShare["new"]![0], 0)
      assert.isAbove(r.series.emissionShare["new"]!.at(-1)!, 0.5)
    }))
})

describe("simulate: commit-reveal", () => {
  it.effect("behavior: on a commit-reveal subnet every validator profile commits and later reveals its weights", () =>
    Effect.gen(function*() {
      const r = yield* run({
        ...defaultScenario,
        epochs: 12,
        hyperparameters: { ...defaultScenario.hyperparameters, commitRevealEnabled: true },
        miners: [{ name: "honest", profile: "honest", count: 4 }, { name: "own", profile: "lazy", count: 2 }],
        validators: [
          { name: "honest", profile: "honest", count: 2, stakeTao: 1000 },
          { name: "copier", profile: "weight-copier", count: 1, stakeTao: 500 },
          { name: "cabal", profile: "cabal", count: 1, stakeTao: 500, params: { favors: "own" } },
        ],
      })
      // Revealed weights are what the chain stores: each validator's row of the last epoch has some.
      for (const [v, name] of r.lastEpoch.validators.entries()) {
        assert.isTrue(r.lastEpoch.weights[v]!.some((w) => w > 0), name)
      }
      assert.isAbove(validator(r, "copier").dividendsTao, 0)
      assert.isAbove(profile(r, "honest").emissionTao, 0)
    }))
})

describe("simulate: profiles and scenarios", () => {
  it.effect("behavior: a user profile named in the scenario is used", () =>
    Effect.gen(function*() {
      const offByOne: MinerProfile = {
        name: "off-by-one",
        description: "adds one",
        make: (env) => ({
          answer: (task, ctx) =>
            Effect.map(env.subnet.miner(task, ctx), (r) => ({ sum: (r as { sum: number }).sum + 1 }) as never),
        }),
      }
      const scenario: Scenario = {
        ...defaultScenario,
        epochs: 6,
        miners: [{ name: "honest", profile: "honest", count: 2 }, { name: "odd", profile: "off-by-one", count: 2 }],
      }
      const r = yield* simulate(scenario, { subnet: arithmetic, minerProfiles: { "off-by-one": offByOne } })
      assert.strictEqual(profile(r, "odd").emissionTao, 0)
      assert.isAbove(profile(r, "honest").emissionTao, 0)
    }))

  it.effect("behavior: bad scenarios are refused with the field that is wrong", () =>
    Effect.gen(function*() {
      const decodeError = (input: unknown) => {
        try {
          decodeScenario(input)
        } catch (e) {
          return e as ScenarioError
        }
        throw new Error("decoded")
      }
      const bad = (patch: Partial<Record<keyof Scenario, unknown>>) => decodeError({ ...defaultScenario, ...patch })
      assert.match(bad({ epochs: 0 }).message, /epochs/)
      assert.match(decodeError({ ...defaultScenario, epoch: 5 }).message, /epoch/)
      assert.strictEqual(bad({ hyperparameters: { tempo: 20, kapa: 1 } }).path, "hyperparameters.kapa")
      assert.strictEqual(bad({ hyperparameters: { tempo: -1 } }).path, "hyperparameters.tempo")
      // Every number is bounded: stakes are 1 rao to the TAO supply, costs at most the supply, counts a u16.
      const group = (patch: Record<string, unknown>) => ({
        validators: [{ ...defaultScenario.validators[0], ...patch }],
      })
      assert.strictEqual(
        bad(group({ stakeTao: 1e300 })).message,
        "validators[0].stakeTao: expected a value between 1e-9 and 21000000, got 1e+300",
      )
      assert.strictEqual(bad(group({ stakeTao: 1e-12 })).path, "validators[0].stakeTao")
      assert.strictEqual(
        bad({ miners: [{ ...defaultScenario.miners[0], costTaoPerEpoch: 1e308 }] }).path,
        "miners[0].costTaoPerEpoch",
      )
      assert.strictEqual(bad({ miners: [{ ...defaultScenario.miners[0], count: 70_000 }] }).path, "miners[0].count")
      assert.match(
        bad(group({ count: 30, stakeTao: 1e6 })).message,
        /^validators: 30000000 TAO staked in all exceeds the TAO supply/,
      )
      assert.strictEqual(bad({ roundsPerEpoch: 22 }).path, "roundsPerEpoch") // tempo 20: an epoch is 21 blocks
      assert.strictEqual(bad({ miners: [defaultScenario.miners[0], defaultScenario.miners[0]] }).path, "miners[1].name")

      const failure = (scenario: Scenario) => Effect.flip(run(scenario))
      const unknownProfile = yield* failure({
        ...defaultScenario,
        miners: [{ name: "x", profile: "greedy", count: 1 }],
      })
      assert.strictEqual(unknownProfile.path, "miners[0].profile")
      assert.match(unknownProfile.detail, /unknown miner profile "greedy" \(known: honest, lazy/)
      const typo = yield* failure({
        ...defaultScenario,
        miners: [{ name: "x", profile: "lazy", count: 1, params: { qualty: 0.5 } }],
      })
      assert.strictEqual(typo.path, "miners[0].params.qualty")
      const outOfRange = yield* failure({
        ...defaultScenario,
        miners: [{ name: "x", profile: "slow", count: 1, params: { lateProbability: 2 } }],
      })
      assert.strictEqual(outOfRange.path, "miners[0].params.lateProbability")
      const noGroup = yield* failure({
        ...defaultScenario,
        validators: [{ name: "c", profile: "cabal", count: 1, stakeTao: 1, params: { favors: "nobody" } }],
      })
      assert.match(noGroup.detail, /no miner group is named "nobody"/)
      const mechanism = yield* failure({ ...defaultScenario, mechanism: "yuma9" })
      assert.strictEqual(mechanism.path, "mechanism")
      const crowded = yield* failure({ ...defaultScenario, miners: [{ name: "x", profile: "honest", count: 300 }] })
      assert.match(crowded.detail, /do not fit in maxAllowedUids = 256/)
    }))
})
