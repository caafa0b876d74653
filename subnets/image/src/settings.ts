/**
 * The image subnet's settings, in one flat schema so each has one environment variable (SUBNET_IMAGE_MODEL,
 * SUBNET_IMAGE_DTYPE, …), one config-file field and one `--set` name. Core resolves them when a neuron or simulation
 * starts (defaults < config file < environment < `--set`); nothing here reads the environment.
 */
import { SubnetConfigError } from "@subnetkit/core"
import { Effect, Schema, SchemaTransformation } from "effect"
import { readFileSync } from "node:fs"
import type { Dtype, ModelSource } from "./ImageModels.ts"
import { BUNDLED_MODELS, DTYPES } from "./ImageModels.ts"
import { DEFAULT_AUGMENTATION } from "./shapes.ts"

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

/** Offline defaults: the tiny models shipped in `models/` and drawn shapes (for tests and simulations). */
export const bundledSettings: ImageSettings = {
  model: "tiny-shapes",
  dtype: "fp32",
  worseModel: "tiny-shapes-small",
  worseDtype: "fp32",
  modelPath: BUNDLED_MODELS,
  allowRemote: false,
  labelMap: "",
  augmentation: DEFAULT_AUGMENTATION,
  maxBatch: 16,
  folder: "",
}

/** Where each model the settings name comes from (reading a label-map file the settings name). */
export const modelsOf = (s: ImageSettings): { readonly model: ModelSource; readonly worseModel: ModelSource } => {
  const source = (id: string, dtype: Dtype): ModelSource => ({
    id,
    dtype,
    localModelPath: s.modelPath,
    allowRemote: s.allowRemote,
  })
  const labelMap = labelMapOf(s.labelMap)
  return {
    model: { ...source(s.model, s.dtype), ...(labelMap === undefined ? {} : { labelMap }) },
    worseModel: source(s.worseModel, s.worseDtype),
  }
}

/** `read()` on first use and kept once it succeeds (a failure, e.g. a missing file, is the call's and is retried). */
export function readOnce<A>(read: () => A): Effect.Effect<A, unknown> {
  let kept: { readonly value: A } | undefined
  return Effect.suspend(() =>
    kept !== undefined
      ? Effect.succeed(kept.value)
      : Effect.try({ try: () => (kept = { value: read() }).value, catch: (e) => e })
  )
}
