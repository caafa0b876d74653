/**
 * The image-labeling subnet: a validator draws a fresh labelled image with sharp (src/shapes.ts) and keeps the label
 * as the hidden truth; a miner checks the bytes (src/preprocess.ts), classifies them with a transformers.js model
 * (src/ImageModels.ts) and answers a label; the validator pays `0.5 · MCC(last 100) + 0.5 · accuracy(last 10)` above
 * chance (src/scoring.ts). Validators run no model.
 */
import type { Answer, MinerContext, SeededRandom } from "@subnetkit/core"
import { defineSubnet, perSettings, recentResults, SubnetConfigError } from "@subnetkit/core"
import { Effect, Schema } from "effect"
import { generateFromFolder, readLabeledFolder } from "./folder.ts"
import type { ModelSource } from "./ImageModels.ts"
import { loadClassifier } from "./ImageModels.ts"
import { prepareImage } from "./preprocess.ts"
import type { ImageResponse } from "./scoring.ts"
import { scoreAnswers, weigh, WINDOWS } from "./scoring.ts"
import type { ImageSubnetConfig } from "./settings.ts"
import { bundledConfig, configOfSettings, ImageSettings, settingsOfConfig } from "./settings.ts"
import type { Format, GeneratedImage } from "./shapes.ts"
import { FORMATS, generateImage, LABELS } from "./shapes.ts"

export { bundledConfig, configOfSettings, ImageSettings, settingsOfConfig }
export type { ImageSubnetConfig }

export interface ImageTask {
  readonly image: Uint8Array
  readonly format: Format
}

const Task = Schema.Struct({ image: Schema.Uint8Array, format: Schema.Literals(FORMATS) })
const Response = Schema.Struct({ label: Schema.String.pipe(Schema.check(Schema.isMaxLength(128))) })

/** The miner's and validator's functions for one configuration. */
function handlers(config: ImageSubnetConfig) {
  const folder = config.folder === undefined ? undefined : folderSetting(config.folder)
  const labels: ReadonlyArray<string> = folder?.labels ?? LABELS
  const draw = (random: SeededRandom): Promise<GeneratedImage<string>> =>
    folder === undefined
      ? generateImage(random, config.augmentation)
      : generateFromFolder(folder, random, config.augmentation)
  const answer = (source: ModelSource) => (task: ImageTask, _ctx: MinerContext<unknown>) =>
    Effect.gen(function*() {
      const classifier = yield* loadClassifier(source, config.maxBatch)
      const pixels = yield* prepareImage(task.image, task.format, classifier.inputSize, config.inputLimits)
      const label = yield* Effect.tryPromise(() => classifier.classify(pixels))
      return { label } satisfies ImageResponse
    })
  return {
    miner: answer(config.model),
    lazyMiner: answer(config.worseModel),
    prepare: (
      role: "miner" | "validator",
    ) => (role === "miner" ? Effect.asVoid(loadClassifier(config.model, config.maxBatch)) : Effect.void),
    generate: (random: SeededRandom) =>
      Effect.map(Effect.tryPromise(() => draw(random)), (g) => ({
        task: { image: g.image, format: g.format },
        truth: g.label,
      })),
    score: (answers: ReadonlyArray<Answer<ImageResponse>>, truth: string) =>
      Effect.succeed(scoreAnswers(answers, truth, labels)),
  }
}

/** The labelled folder a setting names; one that cannot be used is a configuration error naming the setting. */
function folderSetting(dir: string) {
  try {
    return readLabeledFolder(dir)
  } catch (e) {
    throw new SubnetConfigError({
      subnet: "image",
      where: "setting folder",
      detail: e instanceof Error ? e.message : String(e),
    })
  }
}

/**
 * The image subnet with `defaults` as its settings' defaults (the bundled tiny models and drawn shapes unless given),
 * resolved at start from a config file, SUBNET_IMAGE_* and `--set` (each function reads `ctx.config`; called directly
 * without one, the defaults). A label-map file or image folder is read when the settings are first used, and
 * `prepare` uses them, so a bad one stops a neuron before it serves.
 *
 * @example
 * ```ts
 * import { bundledConfig, makeImageSubnet } from "@subnetkit/subnet-image"
 *
 * export default makeImageSubnet({ ...bundledConfig, augmentation: 0.8 })
 * ```
 */
export function makeImageSubnet(defaults: ImageSubnetConfig = bundledConfig) {
  const defaultSettings = settingsOfConfig(defaults)
  const built = perSettings(defaultSettings, (settings) => handlers(configOfSettings(settings, defaults)))
  // Making the handlers reads the settings' folder and label map, which can fail: a failure of the call, not a throw.
  const forSettings = (settings: ImageSettings | undefined) =>
    Effect.try({ try: () => built(settings), catch: (e) => e })

  return defineSubnet<ImageTask, ImageResponse, string, ImageSettings>({
    name: "image",
    version: "1.0.0",
    config: { schema: ImageSettings, defaults: defaultSettings, env: "SUBNET_IMAGE" },
    task: Task,
    response: Response,
    truth: Schema.String,
    miner: (task, ctx) => Effect.flatMap(forSettings(ctx.config), (h) => h.miner(task, ctx)),
    lazyMiner: (task, ctx) => Effect.flatMap(forSettings(ctx.config), (h) => h.lazyMiner(task, ctx)),
    // Each answer is right or wrong; the weight reads a miner's last 100, and the label count from them (see scoring.ts).
    scoreboard: recentResults({ size: WINDOWS.mcc, weigh }),
    // The Axon refuses a body over the miner's byte limit (413) before the handler; 64 KiB leaves room for the frame.
    limits: { timeoutMs: 2_000, maxRequestBytes: defaults.inputLimits.maxBytes + 65_536 },
    prepare: (role, config) => Effect.flatMap(forSettings(config), (h) => h.prepare(role)),
    validator: {
      generate: (ctx) => Effect.flatMap(forSettings(ctx.config), (h) => h.generate(ctx.random)),
      score: (_task, answers, ctx) => Effect.flatMap(forSettings(ctx.config), (h) => h.score(answers, ctx.truth)),
    },
  })
}
