/**
 * The miner: generates with the model the settings name (transformers.js, loaded once per process), refuses a task
 * for another model, answers a greedy task it has already answered from memory (answerMemo.ts), and streams the text
 * as it grows when the validator asks for a stream.
 */
import type { TextGenerationPipeline } from "@huggingface/transformers"
import { BaseStreamer, StoppingCriteria, TextStreamer } from "@huggingface/transformers"
import type { MinerContext } from "@subnetkit/core"
import { Effect, Queue, Stream } from "effect"
import { AnswerMemo } from "./answerMemo.ts"
import type { TextResponse, TextTask } from "./scoring.ts"
import type { TextSettings } from "./settings.ts"
import { modelsOf } from "./settings.ts"
import type { ModelSource } from "./TextModels.ts"
import { loadGenerator } from "./TextModels.ts"

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

/** The miner's functions for these settings. */
export function textMiner(settings: TextSettings) {
  const { model, lazyModel } = modelsOf(settings)
  const refuseOtherModel = (task: TextTask) =>
    task.model === model.id ? Effect.void : Effect.fail(new Error(`this miner serves ${model.id}, not ${task.model}`))
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
      Effect.flatMap(loadGenerator(source, settings.threads), (g) => remembered(g, source, task, ctx)),
    )

  return {
    miner: answer(model),
    lazyMiner: answer(lazyModel),
    /** Each element is the text so far (tokens come with the last); the last is exactly the non-streamed answer. */
    minerStream: (task: TextTask, ctx: MinerContext) =>
      Stream.callback<TextResponse, unknown>((queue) =>
        Effect.gen(function*() {
          yield* refuseOtherModel(task)
          let soFar = ""
          const generator = yield* loadGenerator(model, settings.threads)
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
    /** Loads the model before the miner serves. */
    prepare: Effect.asVoid(loadGenerator(model, settings.threads)),
  }
}
