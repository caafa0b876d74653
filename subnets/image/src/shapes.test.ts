/**
 * The validator's generator: a seed gives the same bytes; images never repeat bytes or a perceptual hash, and are
 * far (in dHash bits) from every earlier one, so a table of earlier images' hashes has nothing to look up.
 */
import { seededRandom } from "@subnetkit/core"
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { sniffFormat } from "./preprocess.ts"
import { dHash, generateImage, hamming, LABELS } from "./shapes.ts"

const many = async (seed: number, n: number, strength?: number) => {
  const random = seededRandom(seed)
  const out = []
  for (let i = 0; i < n; i++) out.push(await generateImage(random, strength))
  return out
}

describe("image generator", () => {
  it("behavior: the same seed gives the same bytes and labels; another seed other images", async () => {
    const [a, b, c] = [await many(11, 6), await many(11, 6), await many(12, 6)]
    expect(a.map((g) => Buffer.from(g.image).toString("base64"))).toEqual(
      b.map((g) => Buffer.from(g.image).toString("base64")),
    )
    expect(a.map((g) => g.label)).toEqual(b.map((g) => g.label))
    expect(a.map((g) => Buffer.from(g.image).toString("base64"))).not.toEqual(
      c.map((g) => Buffer.from(g.image).toString("base64")),
    )
  })

  it("behavior: 400 images — every format as declared, every label and format drawn, no bytes or dHash repeated, and none within 4 bits of an earlier one", async () => {
    const images = await many(21, 400)
    for (const g of images) expect(sniffFormat(g.image)).toBe(g.format)
    expect(new Set(images.map((g) => g.label)).size).toBe(LABELS.length)
    expect(new Set(images.map((g) => g.format)).size).toBe(3)
    expect(new Set(images.map((g) => createHash("sha256").update(g.image).digest("hex"))).size).toBe(images.length)
    const hashes = await Promise.all(images.map((g) => dHash(g.image)))
    expect(new Set(hashes).size).toBe(hashes.length)
    let nearest = 64
    for (let i = 1; i < hashes.length; i++) {
      for (let j = 0; j < i; j++) nearest = Math.min(nearest, hamming(hashes[i]!, hashes[j]!))
    }
    console.log(`image generator: nearest dHash distance between 400 images = ${nearest} bits`)
    expect(nearest).toBeGreaterThan(4)
  })

  it("behavior: a re-encoded copy of an image stays within a few dHash bits (what a lookup cheat would find, were images reused)", async () => {
    const [g] = await many(31, 1)
    const sharp = (await import("sharp")).default
    const copy = await sharp(g!.image).resize(120, 120, { fit: "fill" }).jpeg({ quality: 60 }).toBuffer()
    expect(hamming(await dHash(g!.image), await dHash(copy))).toBeLessThanOrEqual(4)
  })
})
