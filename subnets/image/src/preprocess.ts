/**
 * A miner's first look at an image, before any model sees it: the bytes must be the declared format (by their magic
 * bytes), within the byte limit, and their header must declare at most `maxPixels` pixels — all checked before a
 * pixel is decoded (sharp reads only the header for `metadata()`, and `limitInputPixels` guards the decode too).
 * Then sharp decodes, drops alpha and resizes to the model's input: the same code made the bundled model's
 * training data (scripts/dump_shapes.ts), so training and serving see the same pixels.
 */
import { Effect, Schema } from "effect"
import sharp from "sharp"
import type { Format } from "./shapes.ts"

export interface InputLimits {
  /** Largest encoded image, in bytes. */
  readonly maxBytes: number
  /** Largest width × height the header may declare. */
  readonly maxPixels: number
}

/** 2 MiB and 4 megapixels: the validator's images are under 200×200 px and 60 KB. */
export const defaultInputLimits: InputLimits = { maxBytes: 2 * 1024 * 1024, maxPixels: 4_000_000 }

export class ImageRefused extends Schema.TaggedError<ImageRefused>()("ImageRefused", {
  reason: Schema.Literals(["too-large", "too-many-pixels", "wrong-format", "corrupt"]),
  detail: Schema.String,
}) {
  override get message(): string {
    return `image refused (${this.reason}): ${this.detail}`
  }
}

/** The format the bytes are, by their magic bytes (null: none of the three). */
export function sniffFormat(bytes: Uint8Array): Format | null {
  const b = (i: number) => bytes[i]
  if (bytes.length >= 3 && b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "jpeg"
  if (
    bytes.length >= 8 && b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d &&
    b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a
  ) return "png"
  if (
    bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === "RIFF" &&
    String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP"
  ) return "webp"
  return null
}

/** Checks bytes, format and declared size, reading the header only. */
export const checkImage = Effect.fn("ImageInput.check")(
  function*(bytes: Uint8Array, declared: Format, limits: InputLimits = defaultInputLimits) {
    if (bytes.byteLength > limits.maxBytes) {
      return yield* new ImageRefused({
        reason: "too-large",
        detail: `${bytes.byteLength} bytes, over the ${limits.maxBytes}-byte limit`,
      })
    }
    const actual = sniffFormat(bytes)
    if (actual === null) {
      return yield* new ImageRefused({
        reason: "corrupt",
        detail: `the bytes are not a JPEG, PNG or WebP image (declared ${declared})`,
      })
    }
    if (actual !== declared) {
      return yield* new ImageRefused({
        reason: "wrong-format",
        detail: `declared ${declared}, but the bytes are ${actual}`,
      })
    }
    const meta = yield* Effect.tryPromise({
      try: () => sharp(bytes).metadata(),
      catch: (e) =>
        new ImageRefused({
          reason: "corrupt",
          detail: `unreadable ${declared} header: ${e instanceof Error ? e.message : String(e)}`,
        }),
    })
    const width = meta.width ?? 0
    const height = meta.height ?? 0
    if (width * height > limits.maxPixels) {
      return yield* new ImageRefused({
        reason: "too-many-pixels",
        detail: `${width}×${height} = ${((width * height) / 1e6).toFixed(1)} megapixels, over the ${
          (limits.maxPixels / 1e6).toFixed(1)
        }-megapixel limit (not decoded)`,
      })
    }
    if (width === 0 || height === 0) {
      return yield* new ImageRefused({ reason: "corrupt", detail: `the ${declared} header declares no pixels` })
    }
  },
)

/** RGB pixels, row-major, `width`×`height`×3. */
export interface Pixels {
  readonly data: Uint8Array
  readonly width: number
  readonly height: number
}

/** Decodes (within the pixel limit) and resizes to `size`×`size` RGB, stretched as the bundled model was trained. */
export const toModelInput = (bytes: Uint8Array, size: number, limits: InputLimits = defaultInputLimits) =>
  Effect.tryPromise({
    try: async (): Promise<Pixels> => {
      const data = await sharp(bytes, { limitInputPixels: limits.maxPixels }).removeAlpha().resize(size, size, {
        fit: "fill",
      }).raw().toBuffer()
      return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: size, height: size }
    },
    catch: (e) =>
      new ImageRefused({ reason: "corrupt", detail: `cannot decode: ${e instanceof Error ? e.message : String(e)}` }),
  })

/** Checks, then decodes: what a miner does with a task's image. */
export const prepareImage = (
  bytes: Uint8Array,
  declared: Format,
  size: number,
  limits: InputLimits = defaultInputLimits,
) => Effect.andThen(checkImage(bytes, declared, limits), toModelInput(bytes, size, limits))
