/**
 * Loading the subnet's models with transformers.js: the generator (miner), the same model for re-execution
 * (validator), and the embedder (validator relevance). Each is loaded once per process. A model that cannot be
 * loaded fails with `ModelLoadError` saying which model and what to do — a miner never serves without its model.
 */
import type {
  FeatureExtractionPipeline,
  PreTrainedModel,
  PreTrainedTokenizer,
  TextGenerationPipeline,
} from "@huggingface/transformers"
import { AutoModelForCausalLM, AutoTokenizer, env, pipeline } from "@huggingface/transformers"
import type { Dtype, ModelSource } from "@subnetkit/core"
import { DTYPES, loadModelOnce, ModelLoadError, progressLine } from "@subnetkit/core"
import { Effect } from "effect"
import { fileURLToPath } from "node:url"

/** A model that cannot be loaded (core's, shared with the other model subnets). */
export { ModelLoadError }

/** The tiny models shipped with this package (see scripts/build_models.py). */
export const BUNDLED_MODELS = fileURLToPath(new URL("../models/", import.meta.url))

export { DTYPES }
export type { Dtype, ModelSource }

/** What to tell a user whose model does not load. */
const hints = {
  enableRemote: "set SUBNET_TEXT_ALLOW_REMOTE=true (or --set allowRemote=true)",
  disableRemote: "set SUBNET_TEXT_ALLOW_REMOTE=false",
  files: "a transformers.js model (config.json, tokenizer, onnx/)",
}

const configure = (source: ModelSource) => {
  env.localModelPath = source.localModelPath
  env.allowLocalModels = true
  env.allowRemoteModels = source.allowRemote
}

/**
 * onnxruntime's intra-op threads for a model's session: `threads`, or with 0 one for the bundled tiny models (a
 * 544k-parameter step is too small to split: a second thread only waits, and doubled the CPU per token measured here)
 * and onnxruntime's default, one per core, for any other model (the shipped scenario gave the same bytes with 1 or 2).
 */
const sessionOptions = (source: ModelSource, threads: number) => {
  const n = threads > 0 ? threads : source.localModelPath === BUNDLED_MODELS ? 1 : 0
  return n > 0 ? { session_options: { intraOpNumThreads: n } } : {}
}

/** One load per model, kind and thread count in this process (core's `loadModelOnce`). */
const once = <A>(kind: string, source: ModelSource, threads: number, load: () => Promise<A>) =>
  loadModelOnce(
    source,
    `${kind}|${source.id}|${source.dtype}|${source.localModelPath}|${source.allowRemote}|${threads}`,
    () => (configure(source), load()),
    hints,
  )

export const loadGenerator = (source: ModelSource, threads = 0) =>
  once(
    "generator",
    source,
    threads,
    () =>
      pipeline("text-generation", source.id, {
        dtype: source.dtype,
        ...sessionOptions(source, threads),
        progress_callback: progressLine(source.id),
      }) as Promise<TextGenerationPipeline>,
  )

/** The model and tokenizer a validator re-executes answers with. */
export const loadCausalModel = (source: ModelSource, threads = 0) =>
  once(
    "causal",
    source,
    threads,
    async (): Promise<{ readonly model: PreTrainedModel; readonly tokenizer: PreTrainedTokenizer }> => ({
      tokenizer: await AutoTokenizer.from_pretrained(source.id, { progress_callback: progressLine(source.id) }),
      model: await AutoModelForCausalLM.from_pretrained(source.id, {
        dtype: source.dtype,
        ...sessionOptions(source, threads),
        progress_callback: progressLine(source.id),
      }),
    }),
  )

export const loadEmbedder = (source: ModelSource, threads = 0) =>
  once(
    "embedder",
    source,
    threads,
    () =>
      pipeline("feature-extraction", source.id, {
        dtype: source.dtype,
        ...sessionOptions(source, threads),
        progress_callback: progressLine(source.id),
      }) as Promise<FeatureExtractionPipeline>,
  )
