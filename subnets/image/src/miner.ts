/**
 * The miner: checks and decodes the image (preprocess.ts: size and format limits) and classifies it with the model
 * the settings name (ImageModels.ts: loaded once per process, batched).
 */
import type { MinerContext } from "@subnetkit/core"
import { Effect } from "effect"
import { loadClassifier } from "./ImageModels.ts"
import type { InputLimits } from "./preprocess.ts"
import { prepareImage } from "./preprocess.ts"
import type { ImageResponse } from "./scoring.ts"
import type { ImageSettings } from "./settings.ts"
import { modelsOf, readOnce } from "./settings.ts"
import type { ImageTask } from "./task.ts"

/**
 * The miner's functions for these settings, accepting images within `inputLimits` before decoding them. A label-map
 * file the settings name is read on first use (`prepare` uses it, so a bad one stops a miner before it serves).
 */
export function imageMiner(settings: ImageSettings, inputLimits: InputLimits) {
  const models = readOnce(() => modelsOf(settings))
  const classifierOf = (which: "model" | "worseModel") =>
    Effect.flatMap(models, (m) => loadClassifier(m[which], settings.maxBatch))
  const answer = (which: "model" | "worseModel") => (task: ImageTask, _ctx: MinerContext<unknown>) =>
    Effect.gen(function*() {
      const classifier = yield* classifierOf(which)
      const pixels = yield* prepareImage(task.image, task.format, classifier.inputSize, inputLimits)
      const label = yield* Effect.tryPromise(() => classifier.classify(pixels))
      return { label } satisfies ImageResponse
    })
  return {
    miner: answer("model"),
    /** The worse model: what simulations' lazy and worse-model miners answer with. */
    lazyMiner: answer("worseModel"),
    /** Loads the model before the miner serves. */
    prepare: Effect.asVoid(classifierOf("model")),
  }
}
