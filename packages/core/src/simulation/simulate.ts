/**
 * Runs a scenario: a mock chain with the scenario's hyperparameters and mechanism, every miner operator serving the
 * subnet's real handler (wrapped by its profile) through the in-process transport in simulated time, every validator
 * running its profile (the honest one is the real validator runtime) round by round, and the epochs' payouts booked
 * into a summary. The chain calls are recorded, so `compare` replays the very same weights under other mechanisms.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { mechanismByName } from "@subnetkit/mechanisms"
import { Effect, Layer, References } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Chain } from "../chain/Chain.ts"
import { MockChain } from "../chain/MockChain.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import { serveMiner } from "../neuron/Miner.ts"
import { registerWithRetry } from "../neuron/register.ts"
import { shuffle } from "../neuron/Sampler.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { seededRandom, stepSeed } from "../subnet/seededRandom.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import type { TraceCall } from "./ChainTrace.ts"
import { AnswerStats } from "./AnswerStats.ts"
import { recordingChain, replayTrace } from "./ChainTrace.ts"
import { Ledger } from "./Ledger.ts"
import type { LedgerSetup } from "./Ledger.ts"
import type { MinerBehaviour, MinerProfile } from "./MinerProfile.ts"
import { builtinMinerProfiles } from "./minerProfiles.ts"
import { ProfileParams } from "./ProfileParams.ts"
import type { MinerGroup, Scenario, ValidatorGroup } from "./Scenario.ts"
import { hyperparametersOf, ScenarioError } from "./Scenario.ts"
import { SimulatedNetwork } from "./SimulatedNetwork.ts"
import type { SimulationResult } from "./SimulationResult.ts"
import type { ValidatorBehaviour, ValidatorProfile } from "./ValidatorProfile.ts"
import { builtinValidatorProfiles } from "./validatorProfiles.ts"

const TAO = 1_000_000_000n
const OWNER = { coldkey: "owner-cold", hotkey: "owner-hot" }

export interface SimulationOptions<Task, Response> {
  /** The subnet the scenario names, already loaded. */
  readonly subnet: Subnet<Task, Response>
  /** User profiles by the names the scenario uses (added to, and taking precedence over, the built-in ones). */
  readonly minerProfiles?: Readonly<Record<string, MinerProfile>>
  readonly validatorProfiles?: Readonly<Record<string, ValidatorProfile>>
  /** User mechanisms by the names the scenario (or `compare`) uses. */
  readonly mechanisms?: Readonly<Record<string, Mechanism>>
  /** Mechanisms to replay the run's trace under. */
  readonly compare?: ReadonlyArray<string>
  /** Called after each epoch of the run. */
  readonly onEpoch?: (done: number, total: number) => void
}

interface OperatorPlan {
  readonly group: MinerGroup
  readonly profile: MinerProfile
  readonly coldkey: string
  readonly hotkeys: ReadonlyArray<string>
  readonly behaviour: MinerBehaviour<unknown, unknown>
}

interface ValidatorPlan {
  readonly group: ValidatorGroup
  readonly profile: ValidatorProfile
  readonly params: ProfileParams
  readonly name: string
  readonly coldkey: string
  readonly hotkey: string
  readonly seed: number
}

const mixSeed = (seed: number, ...parts: ReadonlyArray<number>) => parts.reduce((s, p) => stepSeed(s, p), seed)

/** Runs `f`; a `ScenarioError` it throws becomes the typed failure, anything else a defect. */
const checked = <A>(f: () => A): Effect.Effect<A, ScenarioError> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(f())
    } catch (e) {
      return e instanceof ScenarioError ? Effect.fail(e) : Effect.die(e)
    }
  })

function lookup<P>(kind: string, path: string, name: string, builtins: Readonly<Record<string, P>>, user: Readonly<Record<string, P>> | undefined): P {
  const profile = user?.[name] ?? builtins[name]
  if (profile === undefined) {
    const known = [...Object.keys(builtins), ...Object.keys(user ?? {})].join(", ")
    throw new ScenarioError({ path, detail: `unknown ${kind} profile "${name}" (known: ${known}; or a module path)` })
  }
  return profile
}

function checkMechanism(path: string, name: string, user: Readonly<Record<string, Mechanism>> | undefined): void {
  if (name === "yuma" || user?.[name] !== undefined) return
  try {
    mechanismByName(name)
  } catch (e) {
    throw new ScenarioError({ path, detail: (e as Error).message })
  }
}

/** Operators, hotkeys and behaviours of every miner group; checks every profile and its parameters. */
function planMiners<Task, Response>(scenario: Scenario, options: SimulationOptions<Task, Response>, network: SimulatedNetwork) {
  const groups = scenario.miners.map((group, g) => {
    const profile = lookup("miner", `miners[${g}].profile`, group.profile, builtinMinerProfiles, options.minerProfiles)
    const params = new ProfileParams(group.params ?? {}, `miners[${g}].params`)
    const perOperator = profile.hotkeysPerOperator?.(params) ?? 1
    const operators = Array.from({ length: group.count }, (_, op) => ({
      coldkey: `m/${group.name}/${op + 1}/cold`,
      hotkeys: Array.from({ length: perOperator }, (_, k) => `m/${group.name}/${op + 1}${perOperator > 1 ? `.${k + 1}` : ""}`),
    }))
    return { group, g, profile, params, operators }
  })
  const hotkeysOf = (name: string) => {
    const found = groups.find((x) => x.group.name === name)
    if (found === undefined) throw new ScenarioError({ path: "miners", detail: `no miner group is named "${name}"` })
    return found.operators.flatMap((o) => o.hotkeys)
  }
  const plans = groups.flatMap(({ group, g, profile, params, operators }) =>
    operators.map((o, op): OperatorPlan => {
      const seed = mixSeed(scenario.seed, 1, g, op)
      const behaviour = profile.make({
        subnet: options.subnet, params, random: seededRandom(seed), seed, answers: network, hotkeysOf, operator: op,
      }) as MinerBehaviour<unknown, unknown>
      network.addOperator(o.hotkeys, { serviceMs: group.serviceMs ?? scenario.serviceMs, capacity: group.capacity ?? scenario.capacity }, behaviour)
      return { group, profile, coldkey: o.coldkey, hotkeys: o.hotkeys, behaviour }
    })
  )
  groups.forEach((x) => x.params.checkAllRead())
  return { plans, hotkeysOf }
}

function planValidators<Task, Response>(scenario: Scenario, options: SimulationOptions<Task, Response>): Array<ValidatorPlan> {
  return scenario.validators.flatMap((group, g) => {
    const profile = lookup("validator", `validators[${g}].profile`, group.profile, builtinValidatorProfiles, options.validatorProfiles)
    const params = new ProfileParams(group.params ?? {}, `validators[${g}].params`)
    return Array.from({ length: group.count }, (_, i): ValidatorPlan => ({
      group, profile, params,
      name: group.count === 1 ? group.name : `${group.name}/${i + 1}`,
      coldkey: `v/${group.name}/${i + 1}/cold`,
      hotkey: `v/${group.name}/${i + 1}`,
      seed: mixSeed(scenario.seed, 2, g, i),
    }))
  })
}

/** Round-robin over groups, so no group always registers last (when the burn is highest). */
function interleave<A>(lists: ReadonlyArray<ReadonlyArray<A>>): Array<A> {
  const out: Array<A> = []
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!)
  return out
}

/**
 * Fails only with `ScenarioError` (nothing ran: a wrong scenario, or a subnet whose `prepare` fails); a profile or
 * subnet that throws mid-run is a defect, as it would crash a real neuron.
 */
export const simulate = <Task, Response>(scenario: Scenario, options: SimulationOptions<Task, Response>): Effect.Effect<SimulationResult, ScenarioError> =>
  run(scenario, options).pipe(
    Effect.catch((e: unknown) => (e instanceof ScenarioError ? Effect.fail(e) : Effect.die(e))),
    Effect.withSpan("simulate"),
  )

const run = Effect.fnUntraced(function*<Task, Response>(scenario: Scenario, options: SimulationOptions<Task, Response>) {
  const h = yield* checked(() => hyperparametersOf(scenario))
  yield* checked(() => checkMechanism("mechanism", scenario.mechanism, options.mechanisms))
  for (const name of options.compare ?? []) yield* checked(() => checkMechanism("compare", name, options.mechanisms))
  const network = new SimulatedNetwork()
  const { plans: operators, hotkeysOf } = yield* checked(() => planMiners(scenario, options, network))
  const validators = yield* checked(() => planValidators(scenario, options))
  const hotkeyCount = operators.reduce((n, o) => n + o.hotkeys.length, 0) + validators.length
  if (hotkeyCount + 1 > h.maxAllowedUids) {
    return yield* new ScenarioError({
      path: "miners",
      detail: `${hotkeyCount} hotkeys and the owner do not fit in maxAllowedUids = ${h.maxAllowedUids}; the chain would prune neurons mid-run`,
    })
  }

  // A subnet whose model cannot load fails here, with its own message, before anything runs.
  for (const role of ["miner", "validator"] as const) {
    yield* (options.subnet.prepare?.(role) ?? Effect.void).pipe(Effect.mapError((e) =>
      new ScenarioError({ path: "subnet", detail: `subnet ${options.subnet.name} cannot run a ${role}: ${e instanceof Error ? e.message : String(e)}` })
    ))
  }

  const layer = Layer.merge(
    MockChain.layer({ defaultMechanism: scenario.mechanism, ...(options.mechanisms ? { mechanisms: options.mechanisms } : {}) }),
    InProcessTransport.layer({ simulatedLatencyMs: network.latencyMs }),
  )

  return yield* Effect.gen(function*() {
    const control = yield* MockChain
    const trace: Array<TraceCall> = []
    const chain = recordingChain(yield* Chain, trace)
    const burnsRao = new Map<string, bigint>()
    let netuid = 0
    let booking: Ledger | undefined
    let setupEpochs = 0
    let epochsDone = 0

    const fund = (coldkey: string, rao: bigint) =>
      Effect.tap(control.fund(coldkey, rao), () => Effect.sync(() => void trace.push({ kind: "fund", coldkey, rao })))

    /** Produces blocks; each epoch is booked once the run has started. */
    const advance = (blocks: number) =>
      Effect.gen(function*() {
        trace.push({ kind: "advance", blocks })
        for (const payout of yield* control.advance(blocks)) {
          if (booking === undefined) {
            setupEpochs++
            continue
          }
          booking.epoch(yield* chain.subnetState(payout.netuid), payout)
          epochsDone++
        }
      })

    /** Registers (the one registration path; this chain's next block is the simulation's to produce); records the burn. */
    const register = (coldkey: string, hotkey: string) =>
      Effect.gen(function*() {
        const before = yield* chain.balance(coldkey)
        yield* registerWithRetry({ netuid, coldkey, hotkey, nextBlock: advance(1) }).pipe(Effect.provideService(Chain, chain))
        burnsRao.set(hotkey, before - (yield* chain.balance(coldkey)))
      })

    // Every simulated miner is the real miner runtime, reading one metagraph refreshed every round, each hotkey with
    // its own data directory.
    let graph: Metagraph | undefined
    const dataRoot = yield* Effect.acquireRelease(
      Effect.sync(() => mkdtempSync(join(tmpdir(), "subnetkit-simulation-"))),
      (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true })),
    )
    const { minerStream: _stream, ...plain } = options.subnet
    const join_ = (o: OperatorPlan) =>
      Effect.gen(function*() {
        yield* fund(o.coldkey, h.maxBurnRao * BigInt(o.hotkeys.length) + TAO)
        const served: Subnet<Task, Response> = {
          ...plain,
          miner: (task, ctx) =>
            Effect.tap((o.behaviour as MinerBehaviour<Task, Response>).answer(task, ctx, network.round), (r) => Effect.sync(() => network.record(ctx.hotkey, r))),
        }
        for (const hotkey of o.hotkeys) {
          yield* register(o.coldkey, hotkey)
          yield* serveMiner(served, { netuid, hotkey, metagraph: () => graph, dataDir: join(dataRoot, hotkey.replaceAll("/", "_")) })
            .pipe(Effect.provideService(Chain, chain))
          network.join(hotkey)
        }
      })

    // Setup: the subnet, the validators (registered and staked), the miners present from the start, then one epoch
    // so the validators hold permits.
    yield* fund(OWNER.coldkey, 1_000n * TAO)
    netuid = yield* chain.createSubnet(OWNER)
    yield* chain.setHyperparameters(netuid, OWNER.coldkey, h)
    for (const v of validators) {
      const stakeRao = BigInt(Math.round(v.group.stakeTao * 1e9))
      yield* fund(v.coldkey, stakeRao + h.maxBurnRao + TAO)
      yield* register(v.coldkey, v.hotkey)
      yield* chain.addStake({ netuid, coldkey: v.coldkey, hotkey: v.hotkey, amountRao: stakeRao })
    }
    const joinsAt = (epoch: number) => operators.filter((o) => (o.group.joinEpoch ?? 0) === epoch)
    const byGroup = scenario.miners.map((g) => joinsAt(0).filter((o) => o.group === g))
    yield* Effect.forEach(interleave(byGroup), join_, { discard: true })
    const behaviours: Array<ValidatorBehaviour> = []
    for (const v of validators) {
      const make = yield* checked(() =>
        v.profile.make({
          subnet: options.subnet, netuid, hotkey: v.hotkey, params: v.params, seed: v.seed,
          sampleSize: scenario.sampleSize, timeoutMs: scenario.timeoutMs, hotkeysOf,
        })
      )
      behaviours.push(yield* make.pipe(Effect.provideService(Chain, chain)))
    }
    yield* checked(() => validators.forEach((v) => v.params.checkAllRead()))
    while (setupEpochs === 0) yield* advance(1)

    const costOf = (group: MinerGroup) => {
      const from = Math.min(group.joinEpoch ?? 0, scenario.epochs)
      const to = Math.min(group.leaveEpoch ?? scenario.epochs, scenario.epochs)
      return (group.costTaoPerEpoch ?? 0) * group.count * Math.max(0, to - from)
    }
    const setup: LedgerSetup = {
      minerGroups: scenario.miners.map((g) => ({
        name: g.name,
        profile: g.profile,
        operators: g.count,
        hotkeys: operators.filter((o) => o.group === g && (g.joinEpoch ?? 0) < scenario.epochs).flatMap((o) => o.hotkeys),
        costTao: costOf(g),
      })),
      validators: validators.map((v) => ({
        name: v.name, group: v.group.name, profile: v.group.profile, hotkey: v.hotkey, stakeTao: v.group.stakeTao,
        costTao: (v.group.costTaoPerEpoch ?? 0) * scenario.epochs,
      })),
      burnsRao,
    }
    const ledger = new Ledger(setup)
    booking = ledger
    const answers = new AnswerStats(setup.minerGroups)

    const blocksPerRound = h.tempo / scenario.roundsPerEpoch
    let roundEnd = yield* chain.currentBlock
    let round = 0
    while (epochsDone < scenario.epochs) {
      const epoch = epochsDone
      if (epoch > 0) yield* Effect.forEach(joinsAt(epoch), join_, { discard: true })
      for (const o of operators) if (o.group.leaveEpoch === epoch) o.hotkeys.forEach((hotkey) => network.leave(hotkey))
      for (let r = 0; r < scenario.roundsPerEpoch && epochsDone === epoch; r++) {
        network.beginRound(round)
        graph = yield* syncMetagraph(netuid)
        // Validators query in a fresh random order each round: a miner's queue is not always served in one order.
        for (const i of shuffle(behaviours.map((_, k) => k), seededRandom(mixSeed(scenario.seed, 3, round)))) {
          const scored = yield* behaviours[i]!.round({ round, epoch, firstOfEpoch: r === 0 }).pipe(Effect.provideService(Chain, chain))
          if (scored) answers.add(scored)
        }
        roundEnd += blocksPerRound
        yield* advance(Math.max(0, roundEnd - (yield* chain.currentBlock)))
        round++
      }
      options.onEpoch?.(epochsDone, scenario.epochs)
    }

    const compare = (options.compare ?? []).map((mechanism) => {
      const replayLedger = new Ledger(setup)
      let seen = 0
      const { refused } = replayTrace(trace, {
        mechanism,
        ...(options.mechanisms ? { mechanisms: options.mechanisms } : {}),
        onEpoch: (snapshot, payout) => {
          if (seen++ >= setupEpochs && seen - setupEpochs <= scenario.epochs) replayLedger.epoch(snapshot, payout)
        },
      })
      return replayLedger.run(mechanism, refused)
    })
    return {
      scenario, epochs: scenario.epochs, ...ledger.run(scenario.mechanism, 0),
      answers: answers.summary(scenario.miners.map((g) => g.name)), compare,
    } satisfies SimulationResult
  }).pipe(
    Effect.provide(layer),
    Effect.scoped,
    // Neurons log refused calls as warnings; thousands of rounds of them would drown a progress bar.
    Effect.provideService(References.MinimumLogLevel, "Error"),
  )
})
