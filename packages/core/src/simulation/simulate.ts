/**
 * Runs a scenario: a mock chain with the scenario's hyperparameters and mechanism, every miner operator serving the
 * subnet's real handler (wrapped by its profile) through the in-process transport in simulated time, every validator
 * running its profile (the honest one is the real validator runtime) round by round, and the epochs' payouts booked
 * into a summary. The chain calls are recorded, so `compare` replays the very same weights under other mechanisms.
 */
import { Effect, Layer, References } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Chain } from "../chain/Chain.ts"
import { ChainError } from "../chain/ChainError.ts"
import { blocksUntilNextEpoch } from "../chain/epochSchedule.ts"
import { MockChain } from "../chain/MockChain.ts"
import type { SignerShape } from "../chain/Signer.ts"
import { Signer } from "../chain/Signer.ts"
import { devKeypair } from "../keys/devKeys.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import { serveMiner } from "../neuron/Miner.ts"
import { registerWithRetry } from "../neuron/register.ts"
import { shuffle } from "../neuron/Sampler.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { seededRandom } from "../subnet/seededRandom.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import { AnswerStats } from "./AnswerStats.ts"
import type { TraceCall } from "./ChainTrace.ts"
import { recording, replayTrace } from "./ChainTrace.ts"
import type { LedgerSetup } from "./Ledger.ts"
import { Ledger } from "./Ledger.ts"
import type { MinerBehaviour } from "./MinerProfile.ts"
import type { OperatorPlan, SimulationOptions } from "./plan.ts"
import { checked, checkMechanism, mixSeed, planMiners, planValidators } from "./plan.ts"
import type { Scenario } from "./Scenario.ts"
import { hyperparametersOf, ScenarioError } from "./Scenario.ts"
import { SimulatedNetwork } from "./SimulatedNetwork.ts"
import type { SimulationResult } from "./SimulationResult.ts"
import type { ValidatorBehaviour } from "./ValidatorProfile.ts"

export type { SimulationOptions } from "./plan.ts"

const TAO = 1_000_000_000n
const OWNER = { coldkey: "owner-cold", hotkey: "owner-hot" }

/**
 * The simulation's signer: it holds exactly the simulated accounts, so a call for any other account is still refused
 * with BadOrigin. Accounts keep their readable names ("m/honest/1") because reports show them; as the mock chain
 * only asks whether the signer holds an account's key, one stand-in dev keypair serves them all (mock chain only).
 */
function simulationSigner(accounts: ReadonlyArray<string>): SignerShape {
  const held = new Set(accounts)
  const standIn = devKeypair("simulation")
  return {
    accounts: [...held],
    keypairFor: (account) =>
      held.has(account)
        ? Effect.succeed(standIn)
        : Effect.fail(
          new ChainError({ reason: "BadOrigin", detail: `${account} is not an account of this simulation` }),
        ),
  }
}

/**
 * Fails only with `ScenarioError` (nothing ran: a wrong scenario, or a subnet whose `prepare` fails); a profile or
 * subnet that throws mid-run is a defect, as it would crash a real neuron.
 */
export const simulate = <Task, Response>(
  scenario: Scenario,
  options: SimulationOptions<Task, Response>,
): Effect.Effect<SimulationResult, ScenarioError> =>
  run(scenario, options).pipe(
    Effect.catch((e: unknown) => (e instanceof ScenarioError ? Effect.fail(e) : Effect.die(e))),
    Effect.withSpan("simulate"),
  )

const run = Effect.fnUntraced(
  function*<Task, Response>(scenario: Scenario, options: SimulationOptions<Task, Response>) {
    // Called from plain JavaScript without a subnet: say so, instead of a TypeError deep in the run.
    const given = (options as Partial<SimulationOptions<Task, Response>> | undefined)?.subnet
    if (typeof given?.miner !== "function") {
      return yield* new ScenarioError({
        path: "subnet",
        detail: "no subnet given: call simulate(scenario, { subnet }) with a defineSubnet(...) result",
      })
    }
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
        detail:
          `${hotkeyCount} hotkeys and the owner do not fit in maxAllowedUids = ${h.maxAllowedUids}; the chain would prune neurons mid-run`,
      })
    }

    const config = options.config ?? options.subnet.config?.defaults
    // A subnet whose model cannot load fails here, with its own message, before anything runs.
    for (const role of ["miner", "validator"] as const) {
      yield* (options.subnet.prepare?.(role, config) ?? Effect.void).pipe(
        Effect.mapError((e) =>
          new ScenarioError({
            path: "subnet",
            detail: `subnet ${options.subnet.name} cannot run a ${role}: ${e instanceof Error ? e.message : String(e)}`,
          })
        ),
      )
    }

    const accounts = [
      OWNER.coldkey,
      OWNER.hotkey,
      ...operators.flatMap((o) => [o.coldkey, ...o.hotkeys]),
      ...validators.flatMap((v) => [v.coldkey, v.hotkey]),
    ]
    const layer = Layer.merge(
      MockChain.layer({
        defaultMechanism: scenario.mechanism,
        ...(options.mechanisms ? { mechanisms: options.mechanisms } : {}),
      }).pipe(
        Layer.provide(Layer.succeed(Signer, simulationSigner(accounts))),
      ),
      InProcessTransport.layer({ simulatedLatencyMs: network.latencyMs }),
    )

    return yield* Effect.gen(function*() {
      const trace: Array<TraceCall> = []
      const control = recording(yield* MockChain, trace)
      const chain = recording(yield* Chain, trace)
      const burnsRao = new Map<string, bigint>()
      let netuid = 0
      let booking: Ledger | undefined
      let setupEpochs = 0
      let epochsDone = 0

      /** Produces blocks; each epoch is booked once the run has started. */
      const advance = (blocks: number) =>
        Effect.gen(function*() {
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
          yield* registerWithRetry({ netuid, coldkey, hotkey, nextBlock: advance(1) }).pipe(
            Effect.provideService(Chain, chain),
          )
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
      const served = (o: OperatorPlan): Subnet<Task, Response> => ({
        ...plain,
        miner: (task, ctx) =>
          Effect.tap(
            (o.behaviour as MinerBehaviour<Task, Response>).answer(task, ctx, network.round),
            (r) => Effect.sync(() => network.record(ctx.hotkey, r)),
          ),
      })
      /**
       * The operators joining at `epoch` register their hotkeys in an order shuffled by the seed: with a rising burn the
       * late registrants pay more, and that must be luck of the draw, not the order of the scenario's groups.
       */
      const joinAt = (epoch: number) =>
        Effect.gen(function*() {
          const joining = operators.filter((o) => (o.group.joinEpoch ?? 0) === epoch)
          const hotkeys = joining.flatMap((o) => o.hotkeys.map((hotkey) => ({ o, hotkey })))
          for (const o of joining) yield* control.fund(o.coldkey, h.maxBurnRao * BigInt(o.hotkeys.length) + TAO)
          for (const k of shuffle(hotkeys.map((_, i) => i), seededRandom(mixSeed(scenario.seed, 4, epoch)))) {
            const { o, hotkey } = hotkeys[k]!
            yield* register(o.coldkey, hotkey)
            yield* serveMiner(served(o), {
              netuid,
              hotkey,
              config,
              metagraph: () => graph,
              dataDir: join(dataRoot, hotkey.replaceAll("/", "_")),
            })
              .pipe(Effect.provideService(Chain, chain))
            network.join(hotkey)
          }
        })

      // Setup: the subnet, the validators (registered and staked), the miners present from the start, then one epoch
      // so the validators hold permits.
      yield* control.fund(OWNER.coldkey, 1_000n * TAO)
      netuid = yield* chain.createSubnet(OWNER)
      yield* chain.setHyperparameters(netuid, OWNER.coldkey, h)
      for (const v of validators) {
        const stakeRao = BigInt(Math.round(v.group.stakeTao * 1e9))
        yield* control.fund(v.coldkey, stakeRao + h.maxBurnRao + TAO)
        yield* register(v.coldkey, v.hotkey)
        yield* chain.addStake({ netuid, coldkey: v.coldkey, hotkey: v.hotkey, amountRao: stakeRao })
      }
      yield* joinAt(0)
      const behaviours: Array<ValidatorBehaviour> = []
      for (const v of validators) {
        const make = yield* checked(() =>
          v.profile.make({
            subnet: options.subnet,
            netuid,
            hotkey: v.hotkey,
            params: v.params,
            seed: v.seed,
            sampleSize: scenario.sampleSize,
            timeoutMs: scenario.timeoutMs,
            hotkeysOf,
            config,
          })
        )
        behaviours.push(yield* make.pipe(Effect.provideService(Chain, chain)))
      }
      yield* checked(() => validators.forEach((v) => v.params.checkAllRead()))
      while (setupEpochs === 0) yield* advance(1)

      const setup: LedgerSetup = {
        minerGroups: scenario.miners.map((g) => ({
          name: g.name,
          profile: g.profile,
          description: operators.find((o) => o.group === g)!.profile.description,
          operators: operators.filter((o) => o.group === g && (g.joinEpoch ?? 0) < scenario.epochs).map((o) => ({
            name: o.name,
            hotkeys: o.hotkeys,
            serviceMs: g.serviceMs ?? scenario.serviceMs,
            capacity: g.capacity ?? scenario.capacity,
          })),
          costTaoPerEpoch: g.costTaoPerEpoch ?? 0,
          fromEpoch: g.joinEpoch ?? 0,
          toEpoch: g.leaveEpoch ?? scenario.epochs,
        })),
        validators: validators.map((v) => ({
          name: v.name,
          group: v.group.name,
          profile: v.group.profile,
          description: v.profile.description,
          hotkey: v.hotkey,
          stakeTao: v.group.stakeTao,
          costTao: (v.group.costTaoPerEpoch ?? 0) * scenario.epochs,
        })),
        burnsRao,
      }
      const ledger = new Ledger(setup)
      booking = ledger
      const answers = new AnswerStats(
        setup.minerGroups.map((g) => ({ name: g.name, hotkeys: g.operators.flatMap((o) => o.hotkeys) })),
      )

      let round = 0
      while (epochsDone < scenario.epochs) {
        const epoch = epochsDone
        if (epoch > 0) yield* joinAt(epoch)
        for (const o of operators) {
          if (o.group.leaveEpoch === epoch) o.hotkeys.forEach((hotkey) => network.leave(hotkey))
        }
        // The rounds share the blocks up to the next epoch (tempo + 1 on the runtime's schedule) evenly; the last round
        // ends in the epoch block.
        const epochStart = yield* chain.currentBlock
        const epochBlocks = blocksUntilNextEpoch(netuid, h.tempo, epochStart)
        for (let r = 0; r < scenario.roundsPerEpoch && epochsDone === epoch; r++) {
          network.beginRound(round)
          graph = yield* syncMetagraph(netuid, "light")
          // Validators query in a fresh random order each round: a miner's queue is not always served in one order.
          for (const i of shuffle(behaviours.map((_, k) => k), seededRandom(mixSeed(scenario.seed, 3, round)))) {
            const scored = yield* behaviours[i]!.round({
              round,
              epoch,
              firstOfEpoch: r === 0,
              lastOfEpoch: r === scenario.roundsPerEpoch - 1,
            }).pipe(Effect.provideService(Chain, chain))
            if (scored) answers.add(scored)
          }
          const roundEnd = epochStart + Math.round(((r + 1) * epochBlocks) / scenario.roundsPerEpoch)
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
        scenario,
        epochs: scenario.epochs,
        ...ledger.run(scenario.mechanism, 0),
        answers: answers.summary(scenario.miners.map((g) => g.name)),
        compare,
      } satisfies SimulationResult
    }).pipe(
      Effect.provide(layer),
      Effect.scoped,
      // Neurons log refused calls as warnings; thousands of rounds of them would drown a progress bar.
      Effect.provideService(References.MinimumLogLevel, "Error"),
    )
  },
)
