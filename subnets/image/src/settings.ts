/**
 * The image subnet's configuration: `ImageSubnetConfig` for code (`makeImageSubnet(config)`), and `ImageSettings`,
 * the same flat so each setting has one environment variable (SUBNET_IMAGE_MODEL, SUBNET_IMAGE_DTYPE, …), one
 * config-file field and one `--set` name. Core resolves them when a neuron or simulation starts (defaults < config
 * file < environment < `--set`); nothing here reads the environment.
 */
import { SubnetConfigError } from "@subnetkit/core"
import { Schema, SchemaTransformation } from "effect"
import { readFileSync } from "node:fs"
import type { Dtype, ModelSource } from "./ImageModels.ts"
import { BUNDLED_MODELS, DTYPES } from "./ImageModels.ts"
import type { InputLimits } from "./preprocess.ts"
import { defaultInputLimits } from "./preprocess.ts"
import { DEFAULT_AUGMENTATION } from "./shapes.ts"

export interface ImageSubnetConfig {
  /** The model miners classify with. */
  readonly model: ModelSource
  /** A smaller, worse model: what simulations' lazy and worse-model miners answer with. */
  readonly worseModel: ModelSource
  /** Augmentation strength of the validator's images, in [0, 1]. */
  readonly augmentation: number
  /** What a miner accepts before decoding (code only: the Axon's byte limit is fixed when the subnet is made). */
  readonly inputLimits: InputLimits
  /** Images classified in one model call at most. */
  readonly maxBatch: number
  /** Tasks from a folder of labelled images (`<dir>/<label>/<image>`, see folder.ts) instead of drawn shapes. */
  readonly folder?: string
}

/** Offline defaults: the tiny models shipped in `models/` (for tests and simulations). */
export const bundledConfig: ImageSubnetConfig = {
  model: { id: "tiny-shapes", dtype: "fp32", localModelPath: BUNDLED_MODELS, allowRemote: false },
  worseModel: { id: "tiny-shapes-small", dtype: "fp32", localModelPath: BUNDLED_MODELS, allowRemote: false },
  augmentation: DEFAULT_AUGMENTATION,
  inputLimits: defaultInputLimits,
  maxBatch: 16,
}

/** `true`/`false`, and the `1`/`0` SUBNET_IMAGE_ALLOW_REMOTE has always taken. */
const OneOrZero = Schema.Literals(["1", "0"]).pipe(
  Schema.decodeTo(
    Schema.Boolean,
    SchemaTransformation.transform({ decode: (v) => v === "1", encode: (b): "1" | "0" => (b ? "1" : "0") }),
  ),
)
const Switch = Schema.Union([Schema.Boolean, OneOrZero])

const LabelMapJson = Schema.fromJsonString(Schema.Record(Schema.String, Schema.String))
/** "" (none), `@file`, or a JSON object of strings; a file is read when the subnet's handlers are made. */
const LabelMapSetting = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      s === "" || s.startsWith("@") || Schema.decodeUnknownOption(LabelMapJson)(s)._tag === "Some" ||
      "expected a JSON object of strings (the model's label → the subnet's) or @file"
    ),
  ),
)

/**
 * For a hub model, e.g.: SUBNET_IMAGE_MODEL=onnx-community/mobilenet_v2_0.75_160 SUBNET_IMAGE_DTYPE=q8
 * SUBNET_IMAGE_ALLOW_REMOTE=1 SUBNET_IMAGE_LABEL_MAP=@labels.json (a JSON object: the model's label → circle |
 * square | triangle | cross).
 */
export const ImageSettings = Schema.Struct({
  model: Schema.String,
  dtype: Schema.Literals(DTYPES),
  worseModel: Schema.String,
  worseDtype: Schema.Literals(DTYPES),
  /** Where local models live (default: the bundled ones); both models are looked up there. */
  modelPath: Schema.String,
  allowRemote: Switch,
  labelMap: LabelMapSetting,
  augmentation: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  maxBatch: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 1024 }))),
  /** "" for drawn shapes. */
  folder: Schema.String,
})
export type ImageSettings = typeof ImageSettings.Type

export const settingsOfConfig = (c: ImageSubnetConfig): ImageSettings => ({
  model: c.model.id,
  dtype: c.model.dtype,
  worseModel: c.worseModel.id,
  worseDtype: c.worseModel.dtype,
  modelPath: c.model.localModelPath,
  allowRemote: c.model.allowRemote,
  labelMap: c.model.labelMap === undefined ? "" : JSON.stringify(c.model.labelMap),
  augmentation: c.augmentation,
  maxBatch: c.maxBatch,
  folder: c.folder ?? "",
})

/** The label map a setting names (reading an `@file`); a file that cannot be read or decoded names the setting. */
function labelMapOf(value: string): Readonly<Record<string, string>> | undefined {
  if (value === "") return undefined
  try {
    return Schema.decodeUnknownSync(LabelMapJson)(value.startsWith("@") ? readFileSync(value.slice(1), "utf8") : value)
  } catch (e) {
    throw new SubnetConfigError({
      subnet: "image",
      where: "setting labelMap",
      detail: `${value}: ${e instanceof Error ? e.message : String(e)}`,
    })
  }
}

/** The configuration settings describe, over `base` for what settings do not hold (input limits). */
export const configOfSettings = (s: ImageSettings, base: ImageSubnetConfig = bundledConfig): ImageSubnetConfig => {
  const source = (id: string, dtype: Dtype): ModelSource => ({
    id,
    dtype,
    localModelPath: s.modelPath,
    allowRemote: s.allowRemote,
  })
  const labelMap = labelMapOf(s.labelMap)
  const config: ImageSubnetConfig = {
    model: { ...source(s.model, s.dtype), ...(labelMap === undefined ? {} : { labelMap }) },
    worseModel: source(s.worseModel, s.worseDtype),
    augmentation: s.augmentation,
    inputLimits: base.inputLimits,
    maxBatch: s.maxBatch,
  }
  return s.folder === "" ? config : { ...config, folder: s.folder }
}
