/**
 * The image-labeling subnet: a validator draws a fresh labelled image with sharp (shapes.ts) and keeps the label as
 * the hidden truth (validator.ts); a miner checks the bytes, classifies them with a transformers.js model and answers
 * a label (miner.ts); the validator pays `0.5 · MCC(last 100) + 0.5 · accuracy(last 10)` above chance (scoring.ts).
 * Both are built from the subnet's settings (settings.ts).
 */
import { defineSubnet, recentResults } from "@subnetkit/core"
import { Schema } from "effect"
import { imageMiner } from "./miner.ts"
import type { InputLimits } from "./preprocess.ts"
import { defaultInputLimits } from "./preprocess.ts"
import type { ImageResponse } from "./scoring.ts"
import { weigh, WINDOWS } from "./scoring.ts"
import type { ImageSettings } from "./settings.ts"
import { bundledSettings, ImageSettings as ImageSettingsSchema } from "./settings.ts"
import type { ImageTask } from "./task.ts"
import { Response, Task } from "./task.ts"
import { imageValidator } from "./validator.ts"

/**
 * The image subnet with `defaults` over the bundled tiny models and drawn shapes as its settings' defaults; a neuron
 * or simulation resolves the settings at start from a config file, SUBNET_IMAGE_* and `--set`. A label-map file or
 * image folder the settings name is read when they are first used, and `prepare` uses them, so a bad one stops a
 * neuron before it serves. `inputLimits` (what a miner accepts before decoding) is fixed with the Axon's byte limit.
 *
 * @example
 * ```ts
 * import { makeImageSubnet } from "@subnetkit/subnet-image"
 *
 * export default makeImageSubnet({ augmentation: 0.8 })
 * ```
 */
export function makeImageSubnet(defaults: Partial<ImageSettings> = {}, inputLimits: InputLimits = defaultInputLimits) {
  return defineSubnet<ImageTask, ImageResponse, string, ImageSettings>({
    name: "image",
    version: "1.0.0",
    config: { schema: ImageSettingsSchema, defaults: { ...bundledSettings, ...defaults }, env: "SUBNET_IMAGE" },
    task: Task,
    response: Response,
    truth: Schema.String,
    // Each answer is right or wrong; the weight reads a miner's last 100, and the label count from them (see scoring.ts).
    scoreboard: recentResults({ size: WINDOWS.mcc, weigh }),
    // The Axon refuses a body over the miner's byte limit (413) before the handler; 64 KiB leaves room for the frame.
    limits: { timeoutMs: 2_000, maxRequestBytes: inputLimits.maxBytes + 65_536 },
    handlers: (settings) => {
      const { prepare: loadModel, ...miner } = imageMiner(settings, inputLimits)
      const { prepare: readFolder, ...validator } = imageValidator(settings)
      return { ...miner, validator, prepare: (role) => (role === "miner" ? loadModel : readFolder) }
    },
  })
}
