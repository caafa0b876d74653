/**
 * The text-generation subnet: a validator sends a prompt, sampling settings and the model it expects; a miner
 * generates with that model (transformers.js, loaded once per process); the validator re-executes the model to check
 * the answer and scores it (see scoring.ts).
 */
import type { TextGenerationPipeline } from "@huggingface/transformers"
import { BaseStreamer, StoppingCriteria, TextStreamer } from "@huggingface/transformers"
import type { Answer, MinerContext, ValidatorContext } from "@subnetkit/core"
import { defineSubnet, perSettings } from "@subnetkit/core"
import { Effect, Queue, Schema, Stream } from "effect"
import { AnswerMemo } from "./answerMemo.ts"
import { generatePrompt } from "./prompts.ts"
import type { TextResponse, TextTask } from "./scoring.ts"
import { scoreAnswers, TIE_TOLERANCE } from "./scoring.ts"
import type { Dtype, ModelSource } from "./TextModels.ts"
import { BUNDLED_MODELS, DTYPES, loadCausalModel, loadEmbedder, loadGenerator } from "./TextModels.ts"

export interface TextSubnetConfig {
  /** The model miners serve and validators re-execute. */
  readonly model: ModelSource
  /** A smaller, worse model: what simulations' lazy miners answer with. */
  readonly lazyModel: ModelSource
  readonly embedder: ModelSource
  readonly maxNewTokens: number
  /** Asked of greedy tasks: without it small models fall into loops that read the same whatever the prompt. */
  readonly repetitionPenalty: number
  /** The latency at which an answer's score is halved by the latency factor. */
  readonly latencyBudgetMs: number
  /** How far below the model's best logit a greedy answer's token may be (see `TIE_TOLERANCE`). */
  readonly tieTolerance: number
  /** onnxruntime threads per model; 0 = 1 for the bundled tiny models, one per core for others. */
  readonly threads: number
}

/** Offline defaults: the tiny models shipped in `models/` (for tests and simulations). */
export const bundledConfig: TextSubnetConfig = {
  model: { id: "tiny-gpt2", dtype: "fp32", localModelPath: BUNDLED_MODELS, allowRemote: false },
  lazyModel: { id: "tiny-gpt2-random", dtype: "fp32", localModelPath: BUNDLED_MODELS, allowRemote: false },
  embedder: { id: "tiny-bert", dtype: "fp32", localModelPath: BUNDLED_MODELS, allowRemote: false },
  maxNewTokens: 24,
  repetitionPenalty: 1.3,
  latencyBudgetMs: 12_000,
  tieTolerance: TIE_TOLERANCE,
  threads: 0,
}

/**
 * The subnet's settings, flat so each has one environment variable (SUBNET_TEXT_MODEL, SUBNET_TEXT_DTYPE, …) and
 * one `--set` name. For real use: SUBNET_TEXT_MODEL=HuggingFaceTB/SmolLM2-135M-Instruct SUBNET_TEXT_DTYPE=q4
 * SUBNET_TEXT_EMBEDDER=Xenova/all-MiniLM-L6-v2 SUBNET_TEXT_EMBEDDER_DTYPE=q8 SUBNET_TEXT_ALLOW_REMOTE=true
 */
const DtypeSchema = Schema.Literals(DTYPES)
export const TextSettings = Schema.Struct({
  model: Schema.String,
  dtype: DtypeSchema,
  lazyModel: Schema.String,
  lazyDtype: DtypeSchema,
  embedder: Schema.String,
  embedderDtype: DtypeSchema,
  /** Where local models live (default: the bundled ones). */
  modelPath: Schema.String,
  allowRemote: Schema.Boolean,
  maxNewTokens: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 512 }))),
  repetitionPenalty: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 2 }))),
  latencyBudgetMs: Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))),
  tieTolerance: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  threads: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 256 }))),
})
export type TextSettings = typeof TextSettings.Type

export const settingsOfConfig = (c: TextSubnetConfig): TextSettings => ({
  model: c.model.id,
  dtype: c.model.dtype,
  lazyModel: c.lazyModel.id,
  lazyDtype: c.lazyModel.dtype,
  embedder: c.embedder.id,
  embedderDtype: c.embedder.dtype,
  modelPath: c.model.localModelPath,
  allowRemote: c.model.allowRemote,
  maxNewTokens: c.maxNewTokens,
  repetitionPenalty: c.repetitionPenalty,
  latencyBudgetMs: c.latencyBudgetMs,
  tieTolerance: c.tieTolerance,
  threads: c.threads,
})

export const configOfSettings = (s: TextSettings): TextSubnetConfig => {
  const source = (id: string, dtype: Dtype): ModelSource => ({
    id,
    dtype,
    localModelPath: s.modelPath,
    allowRemote: s.allowRemote,
  })
  return {
    model: source(s.model, s.dtype),
    lazyModel: source(s.lazyModel, s.lazyDtype),
    embedder: source(s.embedder, s.embedderDtype),
    maxNewTokens: s.maxNewTokens,
    repetitionPenalty: s.repetitionPenalty,
    latencyBudgetMs: s.latencyBudgetMs,
    tieTolerance: s.tieTolerance,
    threads: s.threads,
  }
}

const Task = Schema.Struct({
  prompt: Schema.String.pipe(Schema.check(Schema.isMaxLength(2000))),
  model: Schema.String,
  maxNewTokens: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 512 }))),
  temperature: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 2 }))),
  repetitionPenalty: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 2 }))),
})
const Response = Schema.Struct({
  text: Schema.String.pipe(Schema.check(Schema.isMaxLength(20_000))),
  tokens: Schema.Array(Schema.Int).pipe(Schema.check(Schema.isMaxLength(512))),
})

/** Stops generation when the request's deadline passes (the Axon aborts the signal). */
class StopOnAbort extends StoppingCriteria {
  constructor(private readonly signal: AbortSignal) {
    super()
  }
  override _call(inputIds: Array<Array<number>>): Array<boolean> {
    return inputIds.map(() => this.signal.aborted)
  }
}

/** Keeps the generated token ids (the prompt's come first and are skipped), without decoding each one. */
class TokenCollector extends BaseStreamer {
  readonly tokens: Array<number> = []
  private prompt = true
  override put(value: Array<Array<bigint>>): void {
    if (this.prompt) this.prompt = false
    else for (const id of value[0]!) this.tokens.push(Number(id))
  }
  override end(): void {}
}

function generate(
  generator: TextGenerationPipeline,
  task: TextTask,
  ctx: MinerContext,
  onText?: (text: string) => void,
) {
  return Effect.tryPromise(() => generateText(generator, task, ctx.signal, onText))
}

/** One generation; `onText` receives the text as it grows. */
async function generateText(
  generator: TextGenerationPipeline,
  task: TextTask,
  signal: AbortSignal,
  onText?: (text: string) => void,
): Promise<TextResponse> {
  const collector = new TokenCollector()
  const streamer = onText === undefined
    ? collector
    : new TextStreamer(generator.tokenizer, {
      skip_prompt: true,
      callback_function: onText,
      token_callback_function: (ids) => collector.tokens.push(...ids.map(Number)),
    })
  const out = await generator(task.prompt, {
    max_new_tokens: task.maxNewTokens,
    do_sample: task.temperature > 0,
    ...(task.temperature > 0 ? { temperature: task.temperature } : {}),
    repetition_penalty: task.repetitionPenalty,
    return_full_text: false,
    stopping_criteria: [new StopOnAbort(signal)],
    streamer: streamer as TextStreamer, // generate() only calls put() and end(), which every streamer has
  })
  const first = (Array.isArray(out) ? out[0] : out) as { generated_text: string }
  const eos = (generator.model.config as unknown as { readonly eos_token_id?: number }).eos_token_id
  return { text: first.generated_text, tokens: collector.tokens.filter((id) => id !== eos) }
}

/** The miner's and validator's functions for one configuration. */
function handlers(config: TextSubnetConfig) {
  const refuseOtherModel = (task: TextTask) =>
    task.model === config.model.id
      ? Effect.void
      : Effect.fail(new Error(`this miner serves ${config.model.id}, not ${task.model}`))
  const greedyAnswers = new AnswerMemo<TextResponse>(256)
  /** Greedy answers come from the memo (the same task, the same answer); sampled ones are generated each time. */
  const remembered = (generator: TextGenerationPipeline, source: ModelSource, task: TextTask, ctx: MinerContext) =>
    task.temperature > 0 ? generate(generator, task, ctx) : Effect.tryPromise(async (): Promise<TextResponse> => {
      const key = JSON.stringify([
        source.id,
        source.dtype,
        source.localModelPath,
        task.prompt,
        task.maxNewTokens,
        task.repetitionPenalty,
      ])
      const { text, tokens } = await greedyAnswers.get(key, ctx.signal, () => generateText(generator, task, ctx.signal))
      return { text, tokens: [...tokens] }
    })
  const answer = (source: ModelSource) => (task: TextTask, ctx: MinerContext) =>
    Effect.andThen(
      refuseOtherModel(task),
      Effect.flatMap(loadGenerator(source, config.threads), (g) => remembered(g, source, task, ctx)),
    )

  return {
    miner: answer(config.model),
    lazyMiner: answer(config.lazyModel),
    /** Each element is the text so far (tokens come with the last); the last is exactly the non-streamed answer. */
    minerStream: (task: TextTask, ctx: MinerContext) =>
      Stream.callback<TextResponse, unknown>((queue) =>
        Effect.gen(function*() {
          yield* refuseOtherModel(task)
          let soFar = ""
          const generator = yield* loadGenerator(config.model, config.threads)
          const final = yield* generate(
            generator,
            task,
            ctx,
            (piece) => void Queue.offerUnsafe(queue, { text: soFar += piece, tokens: [] }),
          )
          Queue.offerUnsafe(queue, final)
          Queue.endUnsafe(queue)
        })
      ),
    prepare: (role: "miner" | "validator") =>
      Effect.gen(function*() {
        if (role === "miner") return yield* Effect.asVoid(loadGenerator(config.model, config.threads))
        yield* loadCausalModel(config.model, config.threads)
        yield* loadEmbedder(config.embedder, config.threads)
      }),
    validator: {
      generate: (ctx: ValidatorContext) =>
        Effect.sync((): TextTask => ({
          prompt: generatePrompt(ctx.random),
          model: config.model.id,
          maxNewTokens: config.maxNewTokens,
          temperature: 0,
          repetitionPenalty: config.repetitionPenalty,
        })),
      score: (task: TextTask, answers: ReadonlyArray<Answer<TextResponse>>) =>
        Effect.gen(function*() {
          const models = {
            causal: yield* loadCausalModel(config.model, config.threads),
            embedder: yield* loadEmbedder(config.embedder, config.threads),
          }
          const scored = yield* Effect.promise(() =>
            scoreAnswers(models, task, answers, {
              latencyBudgetMs: config.latencyBudgetMs,
              tieTolerance: config.tieTolerance,
            })
          )
          return scored.map((p) => ({
            score: p.score,
            parts: { reason: p.reason ?? "accepted", verified: p.verified, relevance: p.relevance, latency: p.latency },
          }))
        }),
    },
  }
}

/**
 * The text subnet with `defaults` as its settings' defaults (the bundled tiny models unless given), resolved at start
 * from a config file, SUBNET_TEXT_* and `--set` (each function reads `ctx.config`; called directly without one, the
 * defaults).
 */
export function makeTextSubnet(defaults: TextSubnetConfig = bundledConfig) {
  const defaultSettings = settingsOfConfig(defaults)
  const forSettings = perSettings(defaultSettings, (settings) => handlers(configOfSettings(settings)))
  return defineSubnet<TextTask, TextResponse, never, TextSettings>({
    name: "text",
    version: "1.0.0",
    config: { schema: TextSettings, defaults: defaultSettings, env: "SUBNET_TEXT" },
    task: Task,
    response: Response,
    miner: (task, ctx) => forSettings(ctx.config).miner(task, ctx),
    lazyMiner: (task, ctx) => forSettings(ctx.config).lazyMiner(task, ctx),
    minerStream: (task, ctx) => forSettings(ctx.config).minerStream(task, ctx),
    prepare: (role, config) => forSettings(config).prepare(role),
    validator: {
      generate: (ctx) => forSettings(ctx.config).validator.generate(ctx),
      score: (task, answers, ctx) => forSettings(ctx.config).validator.score(task, answers),
    },
  })
}
