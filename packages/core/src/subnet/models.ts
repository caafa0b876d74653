/**
 * Models a subnet loads with transformers.js (text, image): where one comes from, loading it once per process, and when
 * it cannot be loaded, which model, what happened and what to do — a miner never serves without its model.
 */
import { Effect, Schema } from "effect"

export class ModelLoadError extends Schema.TaggedError<ModelLoadError>()("ModelLoadError", {
  model: Schema.String,
  dtype: Schema.String,
  detail: Schema.String,
  fix: Schema.String,
}) {
  override get message(): string {
    return `Cannot load model "${this.model}" (dtype ${this.dtype}): ${this.detail}. ${this.fix}`
  }
}

/** The weight types transformers.js loads (`onnx/model_<dtype>.onnx`). */
export const DTYPES = ["fp32", "fp16", "q8", "int8", "uint8", "q4", "bnb4", "q4f16"] as const
export type Dtype = (typeof DTYPES)[number]

/** Where a model comes from. */
export interface ModelSource {
  /** A hub id (`HuggingFaceTB/SmolLM2-135M-Instruct`) or a directory name under `localModelPath`. */
  readonly id: string
  readonly dtype: Dtype
  /** Where local models live (e.g. the ones a subnet ships). */
  readonly localModelPath: string
  /** Download from the Hugging Face hub when the model is not local. */
  readonly allowRemote: boolean
}

/** A loader's progress callback that draws one line on a terminal (hub models are tens to hundreds of MB). */
export function progressLine(
  id: string,
): (p: { readonly status: string; readonly file?: string; readonly progress?: number }) => void {
  return (p) => {
    if (process.stderr.isTTY !== true) return
    if (p.status === "progress") process.stderr.write(`\r\x1b[2K${id}: ${p.file} ${Math.round(p.progress ?? 0)}%`)
    else if (p.status === "ready") process.stderr.write(`\r\x1b[2K`)
  }
}

/** How a subnet says to switch hub downloads on and off, and what its model's files are. */
export interface LoadHints {
  /** e.g. "set SUBNET_TEXT_ALLOW_REMOTE=true". */
  readonly enableRemote: string
  readonly disableRemote: string
  /** e.g. "a transformers.js model (config.json, tokenizer, onnx/)". */
  readonly files: string
}

/** Turns a loader's failure into what happened and what to do. */
export function modelLoadError(
  source: {
    readonly id: string
    readonly dtype: string
    readonly localModelPath: string
    readonly allowRemote: boolean
  },
  e: unknown,
  hints: LoadHints,
): ModelLoadError {
  const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ")
  const base = { model: source.id, dtype: source.dtype, detail }
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(detail)) {
    return new ModelLoadError({
      ...base,
      fix:
        `The hub could not be reached: connect to the network, or download the model into ${source.localModelPath} and ${hints.disableRemote}`,
    })
  }
  if (/not found|ENOENT|local_files_only|allowRemoteModels/i.test(detail)) {
    return new ModelLoadError({
      ...base,
      fix: source.allowRemote
        ? `Check the model id and that it ships ONNX weights for dtype ${source.dtype} (onnx/model${
          source.dtype === "fp32" ? "" : `_${source.dtype}`
        }.onnx)`
        : `It is not under ${source.localModelPath}: check the id and dtype (the bundled tiny models are fp32), or ${hints.enableRemote} to download hub models`,
    })
  }
  return new ModelLoadError({ ...base, fix: `Check that the files are ${hints.files}` })
}

/** Loads done or under way in this process, by key; one at a time (see `loadModelOnce`). */
const loads = new Map<string, Promise<unknown>>()
let previous: Promise<unknown> = Promise.resolve()

/**
 * `load()` once per `key` in this process, however many miners, validators or subnets ask for it. Loads run one
 * after another, because transformers.js reads its settings (`env.localModelPath`, …) from a global while it loads:
 * `load` sets them itself and no other load runs meanwhile. A failed load is forgotten, so the next use retries it;
 * an unknown dtype fails before anything loads.
 */
export function loadModelOnce<A>(
  source: ModelSource,
  key: string,
  load: () => Promise<A>,
  hints: LoadHints,
): Effect.Effect<A, ModelLoadError> {
  if (!(DTYPES as ReadonlyArray<string>).includes(source.dtype)) {
    return Effect.fail(
      new ModelLoadError({
        model: source.id,
        dtype: source.dtype,
        detail: `unknown dtype "${source.dtype}"`,
        fix: `Use one of ${DTYPES.join(", ")}`,
      }),
    )
  }
  return Effect.tryPromise({
    try: () => {
      let promise = loads.get(key) as Promise<A> | undefined
      if (promise === undefined) {
        promise = previous.then(load)
        previous = promise.catch(() => undefined)
        promise.catch(() => loads.delete(key))
        loads.set(key, promise)
      }
      return promise
    },
    catch: (e) => modelLoadError(source, e, hints),
  })
}
