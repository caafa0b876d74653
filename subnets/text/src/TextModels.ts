/**
 * Loading the subnet's models with transformers.js: the generator (miner), the same model for re-execution
 * (validator), and the embedder (validator relevance). Each is loaded once per process. A model that cannot be
 * loaded fails with `ModelLoadError` saying which model and what to do — a miner never serves without its model.
 */
import type { FeatureExtractionPipeline, PreTrainedModel, PreTrainedTokenizer, ProgressInfo, TextGenerationPipeline } from "@huggingface/transformers"
import { AutoModelForCausalLM, AutoTokenizer, env, pipeline } from "@huggingface/transformers"
import { modelLoadError, ModelLoadError } from "@subnetkit/core"
import { Effect } from "effect"
import { fileURLToPath } from "node:url"

/** A model that cannot be loaded (core's, shared with the other model subnets). */
export { ModelLoadError }

/** The tiny models shipped with this package (see scripts/build_models.py). */
export const BUNDLED_MODELS = fileURLToPath(new URL("../models/", import.meta.url))

export const DTYPES = ["fp32", "fp16", "q8", "int8", "uint8", "q4", "bnb4", "q4f16"] as const
export type Dtype = (typeof DTYPES)[number]

export interface ModelSource {
  /** A hub id (`HuggingFaceTB/SmolLM2-135M-Instruct`) or a directory name under `localModelPath`. */
  readonly id: string
  readonly dtype: Dtype
  /** Where local models live (default: the bundled ones). */
  readonly localModelPath: string
  /** Download from the Hugging Face hub when the model is not local. */
  readonly allowRemote: boolean
}

/** Turns transformers.js' failure into what happened and what to do. */
const loadError = (source: ModelSource, e: unknown) =>
  modelLoadError(source, e, {
    enableRemote: "set SUBNET_TEXT_ALLOW_REMOTE=true (or --set allowRemote=true)",
    disableRemote: "set SUBNET_TEXT_ALLOW_REMOTE=false",
    files: "a transformers.js model (config.json, tokenizer, onnx/)",
  })

/** Prints download/load progress on a terminal: hub models are hundreds of MB. */
function progress(id: string): (p: ProgressInfo) => void {
  return (p) => {
    if (process.stderr.isTTY !== true) return
    if (p.status === "progress") process.stderr.write(`\r\x1b[2K${id}: ${p.file} ${Math.round(p.progress)}%`)
    else if (p.status === "ready") process.stderr.write(`\r\x1b[2K`)
  }
}

const configure = (source: ModelSource) => {
  env.localModelPath = source.localModelPath
  env.allowLocalModels = true
  env.allowRemoteModels = source.allowRemote
}

/** Memoised per model: one load per process, even when several miners or validators share it. */
const cache = new Map<string, Promise<unknown>>()
/** Loads run one after another: transformers.js reads its settings (`env`) from a global while it loads. */
let loading: Promise<unknown> = Promise.resolve()
function once<A>(kind: string, source: ModelSource, load: () => Promise<A>): Effect.Effect<A, ModelLoadError> {
  if (!(DTYPES as ReadonlyArray<string>).includes(source.dtype)) {
    return Effect.fail(new ModelLoadError({ model: source.id, dtype: source.dtype, detail: `unknown dtype "${source.dtype}"`, fix: `Use one of ${DTYPES.join(", ")}` }))
  }
  const key = `${kind}|${source.id}|${source.dtype}|${source.localModelPath}|${source.allowRemote}`
  return Effect.tryPromise({
    try: () => {
      let promise = cache.get(key) as Promise<A> | undefined
      if (promise === undefined) {
        promise = loading.then(() => (configure(source), load()))
        loading = promise.catch(() => undefined)
        promise.catch(() => cache.delete(key)) // a failed load is retried next time
        cache.set(key, promise)
      }
      return promise
    },
    catch: (e) => loadError(source, e),
  })
}

export const loadGenerator = (source: ModelSource) =>
  once("generator", source, () =>
    pipeline("text-generation", source.id, { dtype: source.dtype, progress_callback: progress(source.id) }) as Promise<TextGenerationPipeline>)

/** The model and tokenizer a validator re-executes answers with. */
export const loadCausalModel = (source: ModelSource) =>
  once("causal", source, async (): Promise<{ readonly model: PreTrainedModel; readonly tokenizer: PreTrainedTokenizer }> => ({
    tokenizer: await AutoTokenizer.from_pretrained(source.id, { progress_callback: progress(source.id) }),
    model: await AutoModelForCausalLM.from_pretrained(source.id, { dtype: source.dtype, progress_callback: progress(source.id) }),
  }))

export const loadEmbedder = (source: ModelSource) =>
  once("embedder", source, () =>
    pipeline("feature-extraction", source.id, { dtype: source.dtype, progress_callback: progress(source.id) }) as Promise<FeatureExtractionPipeline>)
