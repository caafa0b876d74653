/**
 * Tasks from a user's own labelled images instead of drawn shapes. Layout: one subdirectory per label, its images
 * inside (PNG, JPEG or WebP; other files are ignored):
 *
 * ```
 * my-images/
 *   cat/   001.jpg 002.png …
 *   dog/   a.webp …
 * ```
 *
 * Each task picks a label, then one of its images, uniformly (seeded), crops up to 10% of each side (at strength 1),
 * and applies the same augmentations as the shapes (noise, rotation, scale, blur, colour jitter, re-encoding), so a
 * miner never sees a file's own bytes and a table of the folder's hashes finds nothing near. The labels are the
 * subdirectories' names, sorted; miners need a model that knows them (a hub model with `SUBNET_IMAGE_LABEL_MAP`).
 */
import type { SeededRandom } from "@subnetkit/core"
import { Schema } from "effect"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import sharp from "sharp"
import type { Augmentation, GeneratedImage } from "./shapes.ts"
import { augmentPixels, DEFAULT_AUGMENTATION, planAugmentation } from "./shapes.ts"

export interface LabeledFolder {
  readonly dir: string
  /** Subdirectory names, sorted. */
  readonly labels: ReadonlyArray<string>
  /** Image paths per label, sorted, in `labels` order. */
  readonly files: ReadonlyArray<ReadonlyArray<string>>
}

export class FolderError
  extends Schema.TaggedError<FolderError>()("FolderError", { dir: Schema.String, detail: Schema.String })
{
  override get message(): string {
    return `Cannot use ${this.dir} as labelled images: ${this.detail}. Lay it out as <dir>/<label>/<image>.{png,jpg,jpeg,webp}, at least two labels with an image each.`
  }
}

const IMAGE = /\.(png|jpe?g|webp)$/i

/** Reads the layout (not the images). */
export function readLabeledFolder(dir: string): LabeledFolder {
  let entries: Array<string>
  try {
    entries = readdirSync(dir).filter((name) => !name.startsWith(".") && statSync(join(dir, name)).isDirectory()).sort()
  } catch (e) {
    throw new FolderError({ dir, detail: e instanceof Error ? e.message : String(e) })
  }
  const files = entries.map((label) =>
    readdirSync(join(dir, label)).filter((f) => IMAGE.test(f)).sort().map((f) => join(dir, label, f))
  )
  const labels = entries.filter((_, i) => files[i]!.length > 0)
  if (labels.length < 2) {
    throw new FolderError({
      dir,
      detail: `found ${labels.length} label(s) with images (${labels.join(", ") || "none"})`,
    })
  }
  return { dir, labels, files: files.filter((f) => f.length > 0) }
}

/** A fresh augmented image from the folder, its label the truth. */
export async function generateFromFolder(
  folder: LabeledFolder,
  random: SeededRandom,
  strength = DEFAULT_AUGMENTATION,
): Promise<GeneratedImage<string>> {
  const s = Math.min(1, Math.max(0, strength))
  const index = random.int(folder.labels.length)
  const candidates = folder.files[index]!
  const file = candidates[random.int(candidates.length)]!
  const cuts = [random.next(), random.next(), random.next(), random.next()].map((r) => r * 0.1 * s)
  const a: Augmentation = planAugmentation(random, s)
  // At most 256 px on the long side: a task is a few tens of KB whatever the originals are.
  const { data, info } = await sharp(readFileSync(file)).removeAlpha().resize(256, 256, {
    fit: "inside",
    withoutEnlargement: true,
  })
    .raw().toBuffer({ resolveWithObject: true })
  const [l, t, r, b] = [cuts[0]! * info.width, cuts[1]! * info.height, cuts[2]! * info.width, cuts[3]! * info.height]
    .map(Math.floor)
  const cropped = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .extract({
      left: l!,
      top: t!,
      width: Math.max(1, info.width - l! - r!),
      height: Math.max(1, info.height - t! - b!),
    }).raw().toBuffer({ resolveWithObject: true })
  const out = await augmentPixels(cropped.data, cropped.info.width, cropped.info.height, [128, 128, 128], a)
  return { ...out, label: folder.labels[index]! }
}
