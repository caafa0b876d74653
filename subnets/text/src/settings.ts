/**
 * The text subnet's settings, in one flat schema so each has one environment variable (SUBNET_TEXT_MODEL,
 * SUBNET_TEXT_DTYPE, …), one config-file field and one `--set` name. Core resolves them when a neuron or a simulation
 * starts (defaults < config file < environment < `--set`). For real use: SUBNET_TEXT_MODEL=HuggingFaceTB/SmolLM2-135M-Instruct
 * SUBNET_TEXT_DTYPE=q4 SUBNET_TEXT_EMBEDDER=Xenova/all-MiniLM-L6-v2 SUBNET_TEXT_EMBEDDER_DTYPE=q8
 * SUBNET_TEXT_ALLOW_REMOTE=true
 */
import { Schema } from "effect"
import { TIE_TOLERANCE } from "./scoring.ts"
import type { Dtype, ModelSource } from "./TextModels.ts"
import { BUNDLED_MODELS, DTYPES } from "./TextModels.ts"

const DtypeSchema = Schema.Literals(DTYPES)
export const TextSettings = Schema.Struct({
  /** The model miners serve and validators re-execute. */
  model: Schema.String,
  dtype: DtypeSchema,
  /** A smaller, worse model: what simulations' lazy miners answer with. */
  lazyModel: Schema.String,
  lazyDtype: DtypeSchema,
  embedder: Schema.String,
  embedderDtype: DtypeSchema,
  /** Where local models live (default: the bundled ones). */
  modelPath: Schema.String,
  allowRemote: Schema.Boolean,
  maxNewTokens: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 512 }))),
  /** Asked of greedy tasks: without it small models fall into loops that read the same whatever the prompt. */
  repetitionPenalty: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 2 }))),
  /** The latency at which an answer's score is halved by the latency factor. */
  latencyBudgetMs: Schema.Int.pipe(Schema.check(Schema.isGreaterThan(0))),
  /** How far below the model's best logit a greedy answer's token may be (see `TIE_TOLERANCE`). */
  tieTolerance: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  /** onnxruntime threads per model; 0 = 1 for the bundled tiny models, one per core for others. */
  threads: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 256 }))),
})
export type TextSettings = typeof TextSettings.Type

/** Offline defaults: the tiny models shipped in `models/` (for tests and simulations). */
export const bundledSettings: TextSettings = {
  model: "tiny-gpt2",
  dtype: "fp32",
  lazyModel: "tiny-gpt2-random",
  lazyDtype: "fp32",
  embedder: "tiny-bert",
  embedderDtype: "fp32",
  modelPath: BUNDLED_MODELS,
  allowRemote: false,
  maxNewTokens: 24,
  repetitionPenalty: 1.3,
  latencyBudgetMs: 12_000,
  tieTolerance: TIE_TOLERANCE,
  threads: 0,
}

/** Where each model the settings name comes from. */
export const modelsOf = (s: TextSettings) => {
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
  }
}
