/**
 * The miner's classifier: a transformers.js `image-classification` pipeline (the bundled tiny model, or a hub model
 * such as a MobileNet or ViT with a label mapping), fed pixels sharp has already decoded and resized, and batched:
 * images that arrive while the model is busy run together in the next call (up to `maxBatch`). A model that cannot
 * be loaded fails with `ModelLoadError` saying which model and what to do — a miner never serves without its model.
 */
import type { ImageClassificationPipeline } from "@huggingface/transformers"
import { env, pipeline, RawImage } from "@huggingface/transformers"
import type { Dtype, ModelSource as CoreModelSource } from "@subnetkit/core"
import { DTYPES, loadModelOnce, ModelLoadError, progressLine } from "@subnetkit/core"
import { Effect } from "effect"
import { fileURLToPath } from "node:url"
import type { Pixels } from "./preprocess.ts"

/** A model that cannot be loaded (core's, shared with the other model subnets). */
export { ModelLoadError }

/** The tiny models shipped with this package (see scripts/build_models.py). */
export const BUNDLED_MODELS = fileURLToPath(new URL("../models/", import.meta.url))

export { DTYPES }
export type { Dtype }

export interface ModelSource extends CoreModelSource {
  /**
   * The model's labels → the subnet's (e.g. `{ "envelope": "square" }` for an ImageNet model). With a mapping, the
   * answer is the best-scoring label that maps; without one, the model's own top label.
   */
  readonly labelMap?: Readonly<Record<string, string>>
}

/** What to tell a user whose model does not load. */
const hints = {
  enableRemote: "set SUBNET_IMAGE_ALLOW_REMOTE=1",
  disableRemote: "set SUBNET_IMAGE_ALLOW_REMOTE=0",
  files: "a transformers.js image-classification model (config.json, preprocessor_config.json, onnx/)",
}

/** One label and its score. */
export interface Prediction {
  readonly label: string
  readonly score: number
}

/** A loaded classifier: its input size and a batched `classify`. */
export interface Classifier {
  readonly id: string
  /** The side, in pixels, images are resized to before the model (the processor's size). */
  readonly inputSize: number
  /** Classifies one image (queued into the next batch). */
  readonly classify: (pixels: Pixels) => Promise<string>
  /** Classifies images in one model call. */
  readonly classifyBatch: (pixels: ReadonlyArray<Pixels>) => Promise<Array<string>>
}

/** The processor's square input size (ViT-style `{height, width}` or `shortest_edge`); 224 when it does not say. */
function inputSizeOf(classifier: ImageClassificationPipeline): number {
  const config =
    (classifier.processor as unknown as { image_processor?: { config?: { size?: unknown; crop_size?: unknown } } })
      .image_processor?.config
  const size = (config?.crop_size ?? config?.size) as
    | { height?: number; width?: number; shortest_edge?: number }
    | number
    | undefined
  if (typeof size === "number") return size
  return size?.height ?? size?.shortest_edge ?? 224
}

/** The answer for one image's ranked predictions: the best that maps, or the model's top label. */
export function pickLabel(ranked: ReadonlyArray<Prediction>, labelMap?: Readonly<Record<string, string>>): string {
  if (labelMap === undefined) return ranked[0]?.label ?? ""
  for (const p of ranked) {
    const mapped = labelMap[p.label]
    if (mapped !== undefined) return mapped
  }
  return ranked[0]?.label ?? ""
}

function makeClassifier(source: ModelSource, classifier: ImageClassificationPipeline, maxBatch: number): Classifier {
  const topK = source.labelMap === undefined ? 1 : 20
  const classifyBatch = async (pixels: ReadonlyArray<Pixels>): Promise<Array<string>> => {
    if (pixels.length === 0) return []
    const images = pixels.map((p) =>
      new RawImage(new Uint8ClampedArray(p.data.buffer, p.data.byteOffset, p.data.byteLength), p.width, p.height, 3)
    )
    const out = await classifier(images.length === 1 ? images[0]! : images, { top_k: topK })
    // One image gives one ranked list; several give a list per image.
    const lists = (images.length === 1 ? [out] : out) as unknown as Array<Array<Prediction>>
    return lists.map((ranked) => pickLabel(ranked, source.labelMap))
  }
  let queue: Array<{ pixels: Pixels; resolve: (label: string) => void; reject: (e: unknown) => void }> = []
  let running = false
  const drain = async () => {
    running = true
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      try {
        const labels = await classifyBatch(batch.map((b) => b.pixels))
        batch.forEach((b, i) => b.resolve(labels[i]!))
      } catch (e) {
        for (const b of batch) b.reject(e)
      }
    }
    running = false
  }
  return {
    id: source.id,
    inputSize: inputSizeOf(classifier),
    classifyBatch,
    classify: (pixels) =>
      new Promise<string>((resolve, reject) => {
        queue.push({ pixels, resolve, reject })
        // Started on the next turn, so requests arriving together share the first batch too.
        if (!running) setImmediate(() => void (running || drain()))
      }),
  }
}

/** The classifier for `source`, loaded once per process (core's `loadModelOnce`); batches of up to `maxBatch` images. */
export const loadClassifier = (source: ModelSource, maxBatch = 16): Effect.Effect<Classifier, ModelLoadError> =>
  loadModelOnce(
    source,
    `${source.id}|${source.dtype}|${source.localModelPath}|${source.allowRemote}|${
      JSON.stringify(source.labelMap ?? null)
    }|${maxBatch}`,
    async () => {
      env.localModelPath = source.localModelPath
      env.allowLocalModels = true
      env.allowRemoteModels = source.allowRemote
      const p = (await pipeline("image-classification", source.id, {
        dtype: source.dtype,
        progress_callback: progressLine(source.id),
      })) as ImageClassificationPipeline
      return makeClassifier(source, p, maxBatch)
    },
    hints,
  )
