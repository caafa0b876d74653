/**
 * The validator runtime: each step syncs the metagraph, queries a sample of serving miners with a generated task,
 * scores the answers, updates the scoreboard and saves its state; once per tempo (within the rate limit) it turns
 * scores into weights the SDK's way and sets them, or commits and later reveals them on commit-reveal subnets.
 * Its state is loaded before anything is written, so a restart resumes where the last saved step left off.
 */
import { Effect, Option, Schema } from "effect"
import { getRandomValues } from "node:crypto"
import { Chain } from "../chain/Chain.ts"
import type { ChainError } from "../chain/ChainError.ts"
import { commitHash } from "../chain/commitHash.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph, uidOfHotkey } from "../metagraph/Metagraph.ts"
import type { Answer, Scored, Subnet, ValidatorContext } from "../subnet/defineSubnet.ts"
import { seededRandom, stepSeed } from "../subnet/seededRandom.ts"
import { weightsToEmit } from "./processWeights.ts"
import { queryMiners } from "./queryMiners.ts"
import { nextSample } from "./Sampler.ts"
import { realignScores, scoresByUid, updateScores } from "./Scoreboard.ts"
import type { ValidatorState } from "./StateStore.ts"
import { initialValidatorState, StateStore } from "./StateStore.ts"

export interface ValidatorOptions {
  readonly netuid: number
  readonly hotkey: string
  /** Miners queried per step (default 16). */
  readonly sampleSize?: number
  /** Per-request timeout (default 12 000 ms, the SDK's). */
  readonly timeoutMs?: number
  /** Seed of task generation and sampling (default 0). */
  readonly seed?: number
}

/** The validator's hotkey is not registered on the subnet. */
export class ValidatorNotRegistered extends Schema.TaggedError<ValidatorNotRegistered>()("ValidatorNotRegistered", {
  netuid: Schema.Int,
  hotkey: Schema.String,
}) {
  override get message(): string {
    return `Hotkey ${this.hotkey} is not registered on subnet ${this.netuid}. Register it (burnedRegister) before starting the validator.`
  }
}

/** What one step did, for logs, metrics and tests. */
export interface StepReport<Response> {
  readonly step: number
  readonly block: number
  readonly answers: ReadonlyArray<Answer<Response>>
  readonly rewards: ReadonlyArray<number>
  /** The parts behind each reward, when the subnet's scorer gives them. */
  readonly parts: ReadonlyArray<Scored["parts"] | undefined>
  /** Set when weights were set, committed or revealed in this step. */
  readonly weights: "set" | "committed" | "revealed" | null
}

export const makeValidator = Effect.fn("Validator.make")(function*<Task, Response>(subnet: Subnet<Task, Response>, options: ValidatorOptions) {
  const chain = yield* Chain
  const store = yield* StateStore
  let state: ValidatorState = Option.getOrElse(yield* store.load, () => initialValidatorState)
  const sampleSize = options.sampleSize ?? 16
  const timeoutMs = options.timeoutMs ?? 12_000
  const seed = options.seed ?? 0
  const alpha = subnet.scoreAlpha ?? 0.1

  const save = (next: ValidatorState) => Effect.andThen(store.save(next), Effect.sync(() => void (state = next)))

  const step = Effect.fn("Validator.step")(function*() {
    const graph = yield* syncMetagraph(options.netuid)
    const uid = uidOfHotkey(graph, options.hotkey)
    if (uid === undefined) return yield* new ValidatorNotRegistered({ netuid: options.netuid, hotkey: options.hotkey })
    const random = seededRandom(stepSeed(seed, state.step))
    const ctx: ValidatorContext = { hotkey: options.hotkey, step: state.step, random }
    const serving = graph.uids.filter((u) => u !== uid && graph.axons[u] !== null)
    const { sample, state: sampler } = nextSample(state.sampler, serving, sampleSize, random)
    const task = yield* subnet.validator.generate(ctx).pipe(Effect.orDie)
    const answers = yield* queryMiners({
      subnet, caller: options.hotkey, task, timeoutMs,
      targets: sample.map((u) => ({ uid: u, hotkey: graph.hotkeys[u]!, axon: graph.axons[u]! })),
    })
    const scored = answers.length === 0 ? [] : yield* subnet.validator.score(task, answers, ctx).pipe(Effect.orDie)
    if (scored.length !== answers.length) {
      return yield* Effect.die(new Error(`subnet ${subnet.name}: score returned ${scored.length} rewards for ${answers.length} answers`))
    }
    const rewards = scored.map((r) => (typeof r === "number" ? r : r.score))
    const parts = scored.map((r) => (typeof r === "number" ? undefined : r.parts))
    const scores = updateScores(realignScores(state.scores, graph.hotkeys), answers.map((a) => a.hotkey), rewards, alpha)
    yield* save({ ...state, step: state.step + 1, scores, sampler: { order: [...sampler.order], cursor: sampler.cursor } })
    const weights = yield* maybeSetWeights(graph)
    return { step: state.step, block: graph.block, answers, rewards, parts, weights } satisfies StepReport<Response>
  })

  /** Once per tempo and within the rate limit: the SDK's weight processing, then set / commit / reveal. */
  const maybeSetWeights = Effect.fn("Validator.maybeSetWeights")(function*(graph: Metagraph) {
    const h = yield* chain.hyperparameters(options.netuid)
    const block = graph.block
    if (h.commitRevealEnabled && state.pendingReveal !== null) {
      const pending = state.pendingReveal
      const revealed = yield* chain.revealWeights({ netuid: options.netuid, hotkey: options.hotkey, ...pending }).pipe(
        Effect.as(true),
        Effect.catchTag("ChainError", (e: ChainError) => (e.reason === "RevealTooEarly" ? Effect.succeed(false) : Effect.as(Effect.logWarning(`reveal dropped: ${e.message}`), true))),
      )
      if (revealed) yield* save({ ...state, pendingReveal: null })
      return revealed ? ("revealed" as const) : null
    }
    if (state.lastWeightsBlock !== 0 && block - state.lastWeightsBlock < Math.max(h.tempo, h.weightsRateLimit)) return null
    const { uids, weights } = weightsToEmit(graph.uids, scoresByUid(state.scores, graph.hotkeys), {
      n: graph.n, minAllowedWeights: h.minAllowedWeights, maxWeightLimitU16: h.maxWeightLimit,
    })
    if (uids.length === 0) return null
    const call = { netuid: options.netuid, hotkey: options.hotkey, uids, weights, versionKey: subnet.versionKey }
    if (h.commitRevealEnabled) {
      // The salt hides the weights until the reveal, so it must be unpredictable: not from the (public) task seed.
      const salt = Array.from(getRandomValues(new Uint16Array(8)))
      const hash = commitHash({ ...call, values: weights, salt })
      const ok = yield* chain.commitWeights({ netuid: options.netuid, hotkey: options.hotkey, commitHash: hash }).pipe(
        Effect.as(true),
        Effect.catchTag("ChainError", (e: ChainError) => Effect.as(Effect.logWarning(`commit refused: ${e.message}`), false)),
      )
      if (!ok) return null
      yield* save({ ...state, lastWeightsBlock: block, pendingReveal: { uids, weights, salt, versionKey: subnet.versionKey, commitBlock: block } })
      return "committed" as const
    }
    const ok = yield* chain.setWeights(call).pipe(
      Effect.as(true),
      Effect.catchTag("ChainError", (e: ChainError) => Effect.as(Effect.logWarning(`set_weights refused: ${e.message}`), false)),
    )
    if (!ok) return null
    yield* save({ ...state, lastWeightsBlock: block })
    return "set" as const
  })

  /** Steps forever, one per block. */
  const run = Effect.forever(Effect.gen(function*() {
    const report = yield* step()
    yield* chain.waitForBlock(report.block + 1)
  }))

  return { step, run, state: () => state }
})
