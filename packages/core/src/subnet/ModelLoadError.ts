/**
 * A model a subnet needs could not be loaded: which model, what happened and what to do. For subnets that load
 * transformers.js models (text, image): a miner never serves without its model.
 */
import { Schema } from "effect"

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

/** Where a model comes from. */
export interface ModelSourceInfo {
  readonly id: string
  readonly dtype: string
  readonly localModelPath: string
  readonly allowRemote: boolean
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
export function modelLoadError(source: ModelSourceInfo, e: unknown, hints: LoadHints): ModelLoadError {
  const detail = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ")
  const base = { model: source.id, dtype: source.dtype, detail }
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(detail)) {
    return new ModelLoadError({ ...base, fix: `The hub could not be reached: connect to the network, or download the model into ${source.localModelPath} and ${hints.disableRemote}` })
  }
  if (/not found|ENOENT|local_files_only|allowRemoteModels/i.test(detail)) {
    return new ModelLoadError({
      ...base,
      fix: source.allowRemote
        ? `Check the model id and that it ships ONNX weights for dtype ${source.dtype} (onnx/model${source.dtype === "fp32" ? "" : `_${source.dtype}`}.onnx)`
        : `It is not under ${source.localModelPath}: check the id and dtype (the bundled tiny models are fp32), or ${hints.enableRemote} to download hub models`,
    })
  }
  return new ModelLoadError({ ...base, fix: `Check that the files are ${hints.files}` })
}
