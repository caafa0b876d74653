/**
 * The validator's images: a shape (circle, square, triangle, cross) of random size, position, rotation and colour
 * on a random two-colour gradient, drawn with sharp (SVG), then augmented — crop, per-pixel noise, rotation, scale,
 * blur, colour jitter — and re-encoded as JPEG (random quality), PNG or WebP. Every draw comes from the seeded
 * random of the validator's step, all of them before any rendering, so a seed gives the same bytes on every run.
 * The label is the hidden truth; nothing in the image's bytes or format depends on it except the pixels.
 */
import type { SeededRandom } from "@subnetkit/core"
import sharp from "sharp"

/** The classes, in the bundled model's id order (`config.json` `id2label`). */
export const LABELS = ["circle", "square", "triangle", "cross"] as const
export type Label = (typeof LABELS)[number]

export const FORMATS = ["jpeg", "png", "webp"] as const
export type Format = (typeof FORMATS)[number]

/** How strongly images are augmented, in [0, 1]; 0.5 is the subnet's default. */
export const DEFAULT_AUGMENTATION = 0.5

/** One generated image and its label (the truth). */
export interface GeneratedImage<L extends string = Label> {
  readonly image: Uint8Array
  readonly format: Format
  readonly label: L
}

type Rgb = readonly [number, number, number]

/** Everything an image is drawn from: drawn first, rendered after, so the seeded order never depends on rendering. */
interface Plan {
  readonly label: Label
  readonly width: number
  readonly height: number
  readonly background: readonly [Rgb, Rgb]
  readonly gradientAngle: number
  readonly fill: Rgb
  readonly cx: number
  readonly cy: number
  readonly radius: number
  readonly shapeAngle: number
  readonly aspect: number
  readonly crop: { readonly left: number; readonly top: number; readonly width: number; readonly height: number }
  readonly noiseSigma: number
  readonly noiseSeed: number
  readonly rotation: number
  readonly scale: number
  readonly blurSigma: number
  readonly brightness: number
  readonly saturation: number
  readonly hue: number
  readonly format: Format
  readonly quality: number
}

const between = (random: SeededRandom, lo: number, hi: number) => lo + (hi - lo) * random.next()
const color = (random: SeededRandom): Rgb => [random.int(256), random.int(256), random.int(256)]
const luma = ([r, g, b]: Rgb) => 0.299 * r + 0.587 * g + 0.114 * b
const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`

/** Draws an image's plan. The shape stays inside the crop; its colour keeps a luma contrast of ≥ 70 with the background. */
export function planImage(random: SeededRandom, strength = DEFAULT_AUGMENTATION, label?: Label): Plan {
  const s = Math.min(1, Math.max(0, strength))
  const chosen = label ?? LABELS[random.int(LABELS.length)]!
  const width = 96 + random.int(97)
  const height = 96 + random.int(97)
  const background: [Rgb, Rgb] = [color(random), color(random)]
  let fill = color(random)
  for (let tries = 0; tries < 32 && background.some((b) => Math.abs(luma(b) - luma(fill)) < 70); tries++) {
    fill = color(random)
  }
  if (background.some((b) => Math.abs(luma(b) - luma(fill)) < 70)) {
    fill = luma(background[0]) + luma(background[1]) > 255 ? [0, 0, 0] : [255, 255, 255]
  }
  const side = Math.min(width, height)
  const radius = side * between(random, 0.18, 0.38)
  const margin = radius * 1.15
  const cx = between(random, margin, width - margin)
  const cy = between(random, margin, height - margin)
  // Crop up to 15% of each side (at strength 1), never into the shape.
  const cut = (room: number) => Math.floor(Math.max(0, room) * 0.3 * s * random.next())
  const left = cut(cx - margin)
  const top = cut(cy - margin)
  const right = cut(width - cx - margin)
  const bottom = cut(height - cy - margin)
  return {
    label: chosen,
    width,
    height,
    background,
    gradientAngle: random.int(360),
    fill,
    cx,
    cy,
    radius,
    shapeAngle: between(random, 0, 360),
    aspect: 1 + between(random, -0.12, 0.12) * s,
    crop: { left, top, width: width - left - right, height: height - top - bottom },
    // Drawn last, in this order: the same seed gives the same image as before this was shared.
    ...planAugmentation(random, strength),
  }
}

/** The shape as SVG, centred on (0, 0) with circumradius `r`. */
function shapeSvg(label: Label, r: number, fill: string): string {
  switch (label) {
    case "circle":
      return `<circle cx="0" cy="0" r="${r}" fill="${fill}"/>`
    case "square": {
      const h = r / Math.SQRT2
      return `<rect x="${-h}" y="${-h}" width="${2 * h}" height="${2 * h}" fill="${fill}"/>`
    }
    case "triangle": {
      const pts = [-90, 30, 150].map((a) => `${r * Math.cos((a * Math.PI) / 180)},${r * Math.sin((a * Math.PI) / 180)}`)
      return `<polygon points="${pts.join(" ")}" fill="${fill}"/>`
    }
    case "cross": {
      const t = r * 0.36
      return `<rect x="${-r}" y="${-t / 2}" width="${2 * r}" height="${t}" fill="${fill}"/><rect x="${
        -t / 2
      }" y="${-r}" width="${t}" height="${2 * r}" fill="${fill}"/>`
    }
  }
}

function svgOf(p: Plan): string {
  const a = (p.gradientAngle * Math.PI) / 180
  const [x, y] = [Math.cos(a) / 2, Math.sin(a) / 2]
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${p.height}">` +
    `<defs><linearGradient id="g" x1="${0.5 - x}" y1="${0.5 - y}" x2="${0.5 + x}" y2="${0.5 + y}">` +
    `<stop offset="0" stop-color="${hex(p.background[0])}"/><stop offset="1" stop-color="${
      hex(p.background[1])
    }"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/>` +
    `<g transform="translate(${p.cx} ${p.cy}) rotate(${p.shapeAngle}) scale(${p.aspect} 1)">${
      shapeSvg(p.label, p.radius, hex(p.fill))
    }</g></svg>`
}

/** Adds seeded noise (a sum of two uniforms, about Gaussian) to 8-bit pixels, in place. */
function addNoise(data: Buffer, sigma: number, seed: number): void {
  if (sigma <= 0) return
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), s | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const k = sigma * Math.sqrt(6)
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.min(255, Math.max(0, Math.round(data[i]! + k * (next() + next() - 1))))
  }
}

/** The augmentation fields of a plan (the shape's and a folder image's alike). */
export type Augmentation = Pick<
  Plan,
  | "noiseSigma"
  | "noiseSeed"
  | "rotation"
  | "scale"
  | "blurSigma"
  | "brightness"
  | "saturation"
  | "hue"
  | "format"
  | "quality"
>

/** Draws augmentation fields in the order `planImage` draws them. */
export function planAugmentation(random: SeededRandom, strength = DEFAULT_AUGMENTATION): Augmentation {
  const s = Math.min(1, Math.max(0, strength))
  return {
    noiseSigma: between(random, 0, 24 * s),
    noiseSeed: random.int(2 ** 31),
    rotation: between(random, -40, 40) * s,
    scale: 1 + between(random, -0.5, 0.5) * s,
    blurSigma: random.next() < 0.6 ? 0 : between(random, 0.3, 0.3 + 3 * s),
    brightness: 1 + between(random, -0.35, 0.35) * s,
    saturation: 1 + between(random, -0.6, 0.6) * s,
    hue: Math.round(between(random, -60, 60) * s),
    format: FORMATS[random.int(FORMATS.length)]!,
    quality: Math.round(between(random, 95 - 60 * s, 95)),
  }
}

/** Noise, then rotation (corners filled with `fill`), scale, blur, colour jitter and encoding, on 8-bit RGB pixels. */
export async function augmentPixels(
  data: Buffer,
  width: number,
  height: number,
  fill: ReadonlyArray<number>,
  a: Augmentation,
): Promise<{ image: Uint8Array; format: Format }> {
  addNoise(data, a.noiseSigma, a.noiseSeed)
  const rotatedRaw = await sharp(data, { raw: { width, height, channels: 3 } })
    .rotate(a.rotation, { background: { r: fill[0]!, g: fill[1]!, b: fill[2]! } }).raw().toBuffer()
  const rotated = rotatedSize(width, height, a.rotation)
  let img = sharp(rotatedRaw, { raw: { width: rotated.width, height: rotated.height, channels: 3 } })
    .resize(Math.max(24, Math.round(rotated.width * a.scale)), Math.max(24, Math.round(rotated.height * a.scale)), {
      fit: "fill",
    })
  if (a.blurSigma > 0) img = img.blur(a.blurSigma)
  img = img.modulate({ brightness: a.brightness, saturation: a.saturation, hue: a.hue })
  const encoded = a.format === "jpeg"
    ? img.jpeg({ quality: a.quality })
    : a.format === "webp"
    ? img.webp({ quality: a.quality })
    : img.png({ compressionLevel: 6 })
  const bytes = await encoded.toBuffer()
  return { image: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), format: a.format }
}

/** Renders a plan: the SVG, cropped; then noise, rotation, scale, blur, colour jitter and encoding. */
export async function renderImage(p: Plan): Promise<GeneratedImage> {
  const { data, info } = await sharp(Buffer.from(svgOf(p))).removeAlpha().extract(p.crop).raw().toBuffer({
    resolveWithObject: true,
  })
  const mean = [0, 1, 2].map((i) => Math.round((p.background[0][i]! + p.background[1][i]!) / 2))
  return { ...(await augmentPixels(data, info.width, info.height, mean, p)), label: p.label }
}

/** The canvas libvips gives an image of `w`×`h` rotated by `degrees` (its bounding box). */
function rotatedSize(w: number, h: number, degrees: number): { width: number; height: number } {
  const a = (Math.abs(degrees) * Math.PI) / 180
  const [c, s] = [Math.abs(Math.cos(a)), Math.abs(Math.sin(a))]
  return { width: Math.round(w * c + h * s), height: Math.round(w * s + h * c) }
}

/** A fresh labelled image from the validator's seeded random. */
export const generateImage = (
  random: SeededRandom,
  strength = DEFAULT_AUGMENTATION,
  label?: Label,
): Promise<GeneratedImage> => renderImage(planImage(random, strength, label))

/**
 * The 64-bit difference hash (dHash) of an image: 9×8 grey pixels, one bit per horizontal neighbour pair. Near
 * copies (re-encoded, resized) hash within a few bits of each other.
 */
export async function dHash(image: Uint8Array): Promise<bigint> {
  const grey = await sharp(image).removeAlpha().grayscale().resize(9, 8, { fit: "fill" }).raw().toBuffer()
  let hash = 0n
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) hash = (hash << 1n) | (grey[y * 9 + x]! < grey[y * 9 + x + 1]! ? 1n : 0n)
  }
  return hash
}

/** The number of differing bits of two hashes. */
export function hamming(a: bigint, b: bigint): number {
  let x = a ^ b
  let n = 0
  while (x > 0n) {
    n += Number(x & 1n)
    x >>= 1n
  }
  return n
}
