/**
 * The validator runtime: each step syncs the metagraph and runs the subnet's round (the default one: generate a
 * task, query a sample of serving miners, score the answers), records the rewards on the scoreboard and saves its
 * state; then, once per tempo, sends weights (`sendWeights`). Its state, the subnet's own included, is loaded before
 * anything is written, so a restart resumes where the last saved step left off. `run` steps once per block for a
 * long-lived process, waiting out an unavailable chain.
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph, uidOfHotkey } from "../metagraph/Metagraph.ts"
import type { Answer, AnswerStatus, Parts, RoundContext } from "../subnet/contexts.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { seededRandom, stepSeed } from "../subnet/seededRandom.ts"
import { Transport } from "../transport/Transport.ts"
import type { LiveState } from "./liveState.ts"
import { loadValidatorState } from "./liveState.ts"
import { queryMinersWith } from "./queryMiners.ts"
import { NotRegistered } from "./register.ts"
import type { OnChainUnavailable } from "./retry.ts"
import { whileChainUnavailable } from "./retry.ts"
import { nextSample } from "./Sampler.ts"
import { realignScores, recordResults, weightsByUid } from "./scoreEntries.ts"
import { StateStore } from "./StateStore.ts"
import type { WeightAction } from "./WeightSetter.ts"
import { sendWeights } from "./WeightSetter.ts"

export interface ValidatorOptions {
  readonly netuid: number
  readonly hotkey: string
  /** Miners queried per step (default: the subnet's `limits.sampleSize`). */
  readonly sampleSize?: number
  /** Per-request timeout (default: the subnet's `limits.timeoutMs`). */
  readonly timeoutMs?: number
  /** Seed of task generation and sampling (default 0). */
  readonly seed?: number
  /** The subnet's resolved settings (`ctx.config`; default: its defaults). */
  readonly config?: unknown
}

/** The reward one miner got in a step. */
export interface StepResult {
  readonly uid: number
  readonly hotkey: string
  /** The status of the miner's last answer in the step ("ok" when the round rewarded it without asking). */
  readonly status: AnswerStatus
  readonly reward: number
  readonly parts?: Parts
}

/** What one step did, for logs, metrics and tests. */
export interface StepReport<Response = unknown> {
  readonly step: number
  readonly block: number
  /** Every answer the round received, in the order asked. */
  readonly answers: ReadonlyArray<Answer<Response>>
  /** One per rewarded miner. */
  readonly results: ReadonlyArray<StepResult>
  /** What was sent to the chain in this step. */
  readonly weights: ReadonlyArray<WeightAction>
}

export interface RunHooks {
  readonly onStep?: (report: StepReport) => Effect.Effect<void>
  readonly onChainUnavailable?: OnChainUnavailable
}

export const makeValidator = Effect.fn("Validator.make")(
  function*<Task, Response>(subnet: Subnet<Task, Response>, options: ValidatorOptions) {
    const chain = yield* Chain
    const store = yield* StateStore
    const live = yield* loadValidatorState(subnet, store)
    let state: LiveState = live.state
    const sampleSize = options.sampleSize ?? subnet.limits.sampleSize
    const timeoutMs = options.timeoutMs ?? subnet.limits.timeoutMs
    const seed = options.seed ?? 0
    const board = subnet.scoreboard
    const config = options.config ?? subnet.config?.defaults

    const save = (next: LiveState) => Effect.andThen(live.save(next), Effect.sync(() => void (state = next)))

    const step = Effect.fn("Validator.step")(function*() {
      const graph = yield* syncMetagraph(options.netuid, "light")
      const uid = uidOfHotkey(graph, options.hotkey)
      if (uid === undefined) return yield* new NotRegistered({ netuid: options.netuid, hotkey: options.hotkey })
      const random = seededRandom(stepSeed(seed, state.step))
      const serving = graph.uids.filter((u) => u !== uid && graph.axons[u] !== null)
      let sampler = state.sampler
      const transport = yield* Transport
      const answers: Array<Answer<unknown>> = []
      const ctx: RoundContext<any, any> = {
        config,
        hotkey: options.hotkey,
        step: state.step,
        random,
        netuid: options.netuid,
        metagraph: graph,
        uid,
        serving,
        sample: (size = sampleSize) => {
          const next = nextSample(sampler, serving, size, random)
          sampler = next.state
          return next.sample
        },
        query: (kind, requests, queryOptions) =>
          Effect.gen(function*() {
            for (const r of requests) {
              if (graph.hotkeys[r.uid] === undefined) {
                return yield* Effect.die(
                  new Error(`subnet ${subnet.name}: round queried uid ${r.uid}, not in the metagraph (n = ${graph.n})`),
                )
              }
            }
            // A miner that serves no axon cannot be asked: its answer is an error, as an unreachable one would be.
            const reachable = requests.filter((r) => graph.axons[r.uid] !== null)
            const got = yield* queryMinersWith(transport, {
              subnet: subnet as Subnet,
              kind,
              caller: options.hotkey,
              timeoutMs: queryOptions?.timeoutMs ?? timeoutMs,
              requests: reachable.map((r) => ({
                target: { uid: r.uid, hotkey: graph.hotkeys[r.uid]!, axon: graph.axons[r.uid]! },
                task: r.task,
              })),
            })
            let next = 0
            const all = requests.map((r): Answer<any> =>
              graph.axons[r.uid] === null
                ? {
                  uid: r.uid,
                  hotkey: graph.hotkeys[r.uid]!,
                  status: "error",
                  latencyMs: 0,
                  detail: `uid ${r.uid} serves no axon`,
                }
                : got[next++]!
            )
            answers.push(...all)
            return all
          }),
        state: {
          get: () => state.subnet,
          // A subnet bug or a full disk is no reason to serve on with state that is not on disk: a defect stops the step.
          set: (next) => save({ ...state, subnet: next }).pipe(Effect.orDie),
        },
      }
      const rewards = yield* subnet.round(ctx).pipe(Effect.orDie)
      const stray = rewards.find((r) => graph.hotkeys[r.uid] === undefined)
      if (stray) {
        return yield* Effect.die(
          new Error(`subnet ${subnet.name}: round rewarded uid ${stray.uid}, not in the metagraph (n = ${graph.n})`),
        )
      }
      const lastStatus = new Map(answers.map((a) => [a.uid, a.status]))
      const results: Array<StepResult> = rewards.map((r) => {
        const reward = typeof r.reward === "number" ? r.reward : r.reward.score
        const parts = typeof r.reward === "number" ? undefined : r.reward.parts
        return {
          uid: r.uid,
          hotkey: graph.hotkeys[r.uid]!,
          status: lastStatus.get(r.uid) ?? "ok",
          reward,
          ...(parts ? { parts } : {}),
        }
      })
      const scores = recordResults(realignScores(state.scores, graph.hotkeys), results, board)
      yield* save({
        ...state,
        step: state.step + 1,
        scores,
        sampler: { order: [...sampler.order], cursor: sampler.cursor },
      })
      const weights = yield* setWeights(graph)
      return { step: state.step, block: graph.block, answers, results, weights } satisfies StepReport
    })

    const setWeights = (graph: Metagraph) =>
      sendWeights({
        netuid: options.netuid,
        hotkey: options.hotkey,
        versionKey: subnet.versionKey,
        block: graph.block,
        n: graph.n,
        uids: graph.uids,
        scores: () => weightsByUid(state.scores, graph.hotkeys, board),
        book: state.weights,
        save: (weights) => save({ ...state, weights }),
      })

    /** Steps once per block, forever; a step that finds the chain unavailable is retried with backoff. */
    const run = (hooks: RunHooks = {}) =>
      Effect.forever(Effect.gen(function*() {
        const report = yield* whileChainUnavailable(step(), hooks.onChainUnavailable)
        if (hooks.onStep) yield* hooks.onStep(report)
        yield* whileChainUnavailable(chain.waitForBlock(report.block + 1), hooks.onChainUnavailable)
      }))

    return { step, run, state: () => state }
  },
)
