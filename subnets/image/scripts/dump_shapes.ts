/**
 * Training data for scripts/build_models.py: `count` images from the validator's own generator (seeded, at the given
 * augmentation strength), each preprocessed exactly as a miner does (src/preprocess.ts), written as records of one
 * label byte (index into LABELS) and size×size×3 RGB bytes.
 *
 *   npx tsx subnets/image/scripts/dump_shapes.ts OUT.bin --count 12000 --seed 1000 --strength 0.5 --size 32
 */
import { seededRandom } from "@subnetkit/core"
import { Effect } from "effect"
import { writeFileSync } from "node:fs"
import { toModelInput } from "../src/preprocess.ts"
import { generateImage, LABELS } from "../src/shapes.ts"

const [out, ...rest] = process.argv.slice(2)
if (out === undefined) {
  throw new Error("usage: dump_shapes.ts OUT.bin [--count N] [--seed S] [--strength X] [--size PX]")
}
const flag = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`)
  return i < 0 ? fallback : Number(rest[i + 1])
}
const count = flag("count", 12_000)
const seed = flag("seed", 1000)
const strength = flag("strength", 0.5)
const size = flag("size", 32)

const random = seededRandom(seed)
const record = 1 + size * size * 3
const buffer = Buffer.alloc(count * record)
// Each image's draws come from the shared stream in order; rendering then runs a few at a time.
const batch = 8
for (let start = 0; start < count; start += batch) {
  const n = Math.min(batch, count - start)
  const images = await Promise.all(Array.from({ length: n }, () => generateImage(random, strength)))
  const pixels = await Promise.all(images.map((img) => Effect.runPromise(toModelInput(img.image, size))))
  pixels.forEach((p, i) => {
    const at = (start + i) * record
    buffer[at] = LABELS.indexOf(images[i]!.label)
    buffer.set(p.data, at + 1)
  })
}
writeFileSync(out, buffer)
console.error(`wrote ${count} images of ${size}×${size} (seed ${seed}, strength ${strength}) to ${out}`)
