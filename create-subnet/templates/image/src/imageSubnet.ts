/**
 * The image-labeling subnet: a validator draws a fresh labelled image with sharp (src/shapes.ts) and keeps the label
 * as the hidden truth; a miner checks the bytes (src/preprocess.ts), classifies them with a transformers.js model
 * (src/ImageModels.ts) and answers a label; the validator pays `0.5 · MCC(last 100) + 0.5 · accuracy(last 10)` above
 * chance (src/scoring.ts). Validators run no model.
 */
import type { MinerContext, SeededRandom } from "@subnetkit/core"
import { defineSubnet, recentResults } from "@subnetkit/core"
import { Effect, Schema } from "effect"
import { readFileSync } from "node:fs"
import { generateFromFolder, readLabeledFolder } from "./folder.ts"
import type { Dtype, ModelSource } from "./ImageModels.ts"
import { BUNDLED_MODELS, loadClassifier } from "./ImageModels.ts"
import type { InputLimits } from "./preprocess.ts"
import { defaultInputLimits, prepareImage } from "./preprocess.ts"
import type { ImageResponse } from "./scoring.ts"
import { scoreAnswers, weighFor, WINDOWS } from "./scoring.ts"
import type { Format, GeneratedImage } from "./shapes.ts"
import { DEFAULT_AUGMENTATION, FORMATS, generateImage, LABELS } from "./shapes.ts"

export interface ImageSubnetConfig {
  /** The model miners classify with. */
  readonly model: ModelSource
  /** A smaller, worse model: what simulations' lazy and worse-model miners answer with. */
  readonly worseModel: ModelSource
  /** Augmentation strength of the validator's images, in [0, 1]. */
  readonly augmentation: number
  /** What a miner accepts before decoding. */
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

/** A label map from JSON text, or from the file named after an `@`. */
function labelMapFrom(value: string | undefined): Readonly<Record<string, string>> | undefined {
  if (value === undefined || value === "") return undefined
  const parsed: unknown = JSON.parse(value.startsWith("@") ? readFileSync(value.slice(1), "utf8") : value)
  return Schema.decodeUnknownSync(Schema.Record(Schema.String, Schema.String))(parsed)
}

/**
 * The configuration from the environment, over the bundled defaults. For a hub model, e.g.:
 * SUBNET_IMAGE_MODEL=onnx-community/mobilenet_v2_0.75_160 SUBNET_IMAGE_DTYPE=q8 SUBNET_IMAGE_ALLOW_REMOTE=1
 * SUBNET_IMAGE_LABEL_MAP=@labels.json (a JSON object: the model's label → circle | square | triangle | cross).
 */
export function configFromEnv(environment: NodeJS.ProcessEnv = process.env): ImageSubnetConfig {
  const allowRemote = environment["SUBNET_IMAGE_ALLOW_REMOTE"] === "1"
  const localModelPath = environment["SUBNET_IMAGE_MODEL_PATH"] ?? BUNDLED_MODELS
  const id = environment["SUBNET_IMAGE_MODEL"]
  const labelMap = labelMapFrom(environment["SUBNET_IMAGE_LABEL_MAP"])
  const model: ModelSource = id === undefined
    ? { ...bundledConfig.model, ...(labelMap ? { labelMap } : {}) }
    : { id, dtype: (environment["SUBNET_IMAGE_DTYPE"] ?? "fp32") as Dtype, localModelPath, allowRemote, ...(labelMap ? { labelMap } : {}) }
  const number = (name: string, fallback: number) => (environment[name] === undefined ? fallback : Number(environment[name]))
  return {
    ...bundledConfig,
    model,
    augmentation: number("SUBNET_IMAGE_AUGMENTATION", bundledConfig.augmentation),
    maxBatch: number("SUBNET_IMAGE_MAX_BATCH", bundledConfig.maxBatch),
    ...(environment["SUBNET_IMAGE_FOLDER"] ? { folder: environment["SUBNET_IMAGE_FOLDER"] } : {}),
  }
}

export interface ImageTask {
  readonly image: Uint8Array
  readonly format: Format
}

const Task = Schema.Struct({ image: Schema.Uint8Array, format: Schema.Literals(FORMATS) })
const Response = Schema.Struct({ label: Schema.String.pipe(Schema.check(Schema.isMaxLength(128))) })

/**
 * The image subnet for `config` (default: the bundled tiny models, drawn shapes).
 *
 * @example
 * ```ts
 * import { bundledConfig, makeImageSubnet } from "@subnetkit/subnet-image"
 *
 * export default makeImageSubnet({ ...bundledConfig, augmentation: 0.8 })
 * ```
 */
export function makeImageSubnet(config: ImageSubnetConfig = bundledConfig) {
  const folder = config.folder === undefined ? undefined : readLabeledFolder(config.folder)
  const labels: ReadonlyArray<string> = folder?.labels ?? LABELS
  const draw = (random: SeededRandom): Promise<GeneratedImage<string>> =>
    folder === undefined ? generateImage(random, config.augmentation) : generateFromFolder(folder, random, config.augmentation)
  const answer = (source: ModelSource) => (task: ImageTask, _ctx: MinerContext) =>
    Effect.gen(function*() {
      const classifier = yield* loadClassifier(source, config.maxBatch)
      const pixels = yield* prepareImage(task.image, task.format, classifier.inputSize, config.inputLimits)
      const label = yield* Effect.tryPromise(() => classifier.classify(pixels))
      return { label } satisfies ImageResponse
    })

  return defineSubnet<ImageTask, ImageResponse, string>({
    name: "image",
    version: "1.0.0",
    task: Task,
    response: Response,
    truth: Schema.String,
    miner: answer(config.model),
    lazyMiner: answer(config.worseModel),
    // Each answer is right or wrong; the weight reads a miner's last 100 (see scoring.ts).
    scoreboard: recentResults({ size: WINDOWS.mcc, weigh: weighFor(labels.length) }),
    // The Axon refuses a body over the miner's byte limit (413) before the handler; 64 KiB leaves room for the frame.
    limits: { timeoutMs: 2_000, maxRequestBytes: config.inputLimits.maxBytes + 65_536 },
    prepare: (role) => (role === "miner" ? Effect.asVoid(loadClassifier(config.model, config.maxBatch)) : Effect.void),
    validator: {
      generate: (ctx) =>
        Effect.map(Effect.tryPromise(() => draw(ctx.random)), (g) => ({ task: { image: g.image, format: g.format }, truth: g.label })),
      score: (_task, answers, ctx) => Effect.succeed(scoreAnswers(answers, ctx.truth, labels)),
    },
  })
}
