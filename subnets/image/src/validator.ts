/**
 * The validator: draws an image with a hidden label (`generate`: shapes.ts, augmented, or a folder of labelled images
 * the settings name) and scores each answer right or wrong; a miner's weight is the MCC and accuracy over its recent
 * answers (scoring.ts), so guessing earns nothing. It runs no model.
 */
import type { Answer, SeededRandom } from "@subnetkit/core"
import { SubnetConfigError } from "@subnetkit/core"
import { Effect } from "effect"
import type { LabeledFolder } from "./folder.ts"
import { generateFromFolder, readLabeledFolder } from "./folder.ts"
import type { ImageResponse } from "./scoring.ts"
import { scoreAnswers } from "./scoring.ts"
import type { ImageSettings } from "./settings.ts"
import { readOnce } from "./settings.ts"
import type { GeneratedImage } from "./shapes.ts"
import { generateImage, LABELS } from "./shapes.ts"

/**
 * The validator's functions for these settings. A folder they name is read on first use (`prepare` uses it, so a bad
 * one stops a validator before it scores).
 */
export function imageValidator(settings: ImageSettings) {
  const folder = readOnce(() => (settings.folder === "" ? undefined : folderSetting(settings.folder)))
  const draw = (f: LabeledFolder | undefined, random: SeededRandom): Promise<GeneratedImage<string>> =>
    f === undefined
      ? generateImage(random, settings.augmentation)
      : generateFromFolder(f, random, settings.augmentation)
  return {
    generate: (ctx: { readonly random: SeededRandom }) =>
      Effect.flatMap(folder, (f) =>
        Effect.map(Effect.tryPromise(() => draw(f, ctx.random)), (g) => ({
          task: { image: g.image, format: g.format },
          truth: g.label,
        }))),
    score: (_task: unknown, answers: ReadonlyArray<Answer<ImageResponse>>, ctx: { readonly truth: string }) =>
      Effect.map(folder, (f) => scoreAnswers(answers, ctx.truth, f?.labels ?? LABELS)),
    prepare: Effect.asVoid(folder),
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
