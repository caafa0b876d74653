/**
 * The image subnet with its bundled tiny classifier, offline: the model labels the validator's images, the miner
 * refuses bad input and keeps serving, and the real validator runtime (in process, on the mock chain) pays an honest
 * miner and not the cheats — without a label in any request that reaches a miner.
 */
import type { Metagraph, WireRequest } from "@subnetkit/core"
import {
  defineSubnet,
  devSignerLayer,
  makeValidator,
  minerContext,
  minerEndpoint,
  MockChain,
  seededRandom,
  serveMiner,
  StateStore,
} from "@subnetkit/core"
import { recordingTransport, setupLocalSubnet } from "@subnetkit/core/testing"
import { Effect, Layer } from "effect"
import sharp from "sharp"
import { describe, expect, it } from "vitest"
import { loadClassifier, ModelLoadError, pickLabel } from "./ImageModels.ts"
import { makeImageSubnet } from "./imageSubnet.ts"
import { hashLookupMiner } from "./profiles/hashLookup.ts"
import { mcc, weightParts } from "./scoring.ts"
import { bundledSettings, modelsOf } from "./settings.ts"
import type { GeneratedImage } from "./shapes.ts"
import { dHash, generateImage, LABELS } from "./shapes.ts"

const subnet = makeImageSubnet()
const bundled = modelsOf(bundledSettings)
const ctx = minerContext({ hotkey: "m" })
const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect as Effect.Effect<A>)

/** Accuracy of a miner over `n` fresh images from `seed`, asked 16 at a time (so they share model calls). */
async function accuracyOf(miner: typeof subnet.miner, seed: number, n: number) {
  const random = seededRandom(seed)
  let right = 0
  for (let start = 0; start < n; start += 16) {
    const images: Array<GeneratedImage> = []
    for (let i = start; i < Math.min(n, start + 16); i++) images.push(await generateImage(random))
    const answers = await Promise.all(images.map((g) => run(miner({ image: g.image, format: g.format }, ctx))))
    right += answers.filter((a, i) => a.label === images[i]!.label).length
  }
  return right / n
}

describe("image subnet: the classifier", () => {
  it("behavior: the tiny classifier labels ≥ 95% of fresh images at the default augmentation; the worse model far fewer", async () => {
    const tiny = await accuracyOf(subnet.miner, 7, 400)
    const worse = await accuracyOf(subnet.lazyMiner!, 7, 400)
    console.log(
      `tiny-shapes accuracy ${tiny.toFixed(4)}, tiny-shapes-small ${
        worse.toFixed(4)
      } (400 images, seed 7, strength 0.5)`,
    )
    expect(tiny).toBeGreaterThanOrEqual(0.95)
    expect(worse).toBeLessThan(tiny - 0.1)
  })

  it("behavior: a batch of images gives the labels one-at-a-time calls give", async () => {
    const classifier = await run(loadClassifier(bundled.model))
    const random = seededRandom(8)
    const images = await Promise.all(Array.from({ length: 16 }, () => generateImage(random)))
    const { toModelInput } = await import("./preprocess.ts")
    const pixels = await Promise.all(images.map((g) => run(toModelInput(g.image, classifier.inputSize))))
    const batch = await classifier.classifyBatch(pixels)
    const single = []
    for (const p of pixels) single.push((await classifier.classifyBatch([p]))[0])
    expect(batch).toEqual(single)
  })

  it("behavior: a hub-style label mapping answers the best label that maps", async () => {
    const ranked = [{ label: "envelope", score: 0.5 }, { label: "plate", score: 0.3 }, { label: "tray", score: 0.2 }]
    expect(pickLabel(ranked, { plate: "circle", tray: "square" })).toBe("circle")
    expect(pickLabel(ranked, { nothing: "circle" })).toBe("envelope")
    expect(pickLabel(ranked)).toBe("envelope")
    // The bundled model through a mapping, as a hub model is configured.
    const mapped = makeImageSubnet({
      labelMap: JSON.stringify({ circle: "square", square: "circle", triangle: "triangle", cross: "cross" }),
    })
    const random = seededRandom(9)
    for (let i = 0; i < 8; i++) {
      const g = await generateImage(random)
      const [plain, swapped] = [await run(subnet.miner(g, ctx)), await run(mapped.miner(g, ctx))]
      const swap: Record<string, string> = { circle: "square", square: "circle", triangle: "triangle", cross: "cross" }
      expect(swapped.label).toBe(swap[plain.label])
    }
  })

  it("behavior: a model that cannot load says which model and what to do; prepare fails before serving", async () => {
    const error = await Effect.runPromise(Effect.flip(loadClassifier({ ...bundled.model, id: "no-such-model" })))
    expect(error).toBeInstanceOf(ModelLoadError)
    expect(error.message).toMatch(/Cannot load model "no-such-model" \(dtype fp32\)/)
    expect(error.message).toMatch(/SUBNET_IMAGE_ALLOW_REMOTE=1/)
    const broken = makeImageSubnet({ model: "no-such-model" })
    await expect(run(broken.prepare!("miner", undefined))).rejects.toThrow(/no-such-model/)
    await run(broken.prepare!("validator", undefined)) // validators run no model
  })
})

describe("image subnet: miner input limits", () => {
  const endpoint = minerEndpoint({
    subnet,
    hotkey: "m",
    policy: { requireRegistered: false, requireValidatorPermit: false, minStakeRao: 0n },
    metagraph: () => ({ hotkeys: [] }) as unknown as Metagraph,
  })
  const ask = (body: unknown) =>
    run(endpoint.handle({ subnet: "image", kind: "task", caller: "v", target: "m", body }, 60_000))

  it("behavior: corrupt bytes, a wrong content type and a 50-megapixel image are refused with a clear error, and the miner keeps serving", async () => {
    const good = await generateImage(seededRandom(5))
    const png = good.format === "png" ? good.image : new Uint8Array(await sharp(good.image).png().toBuffer())
    const fifty = new Uint8Array(
      await sharp({ create: { width: 8000, height: 6250, channels: 3, background: "#808080" } }).png({
        compressionLevel: 1,
      }).toBuffer(),
    )
    const cases: Array<readonly [string, unknown, RegExp]> = [
      [
        "corrupt",
        { image: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), format: "png" },
        /image refused \(corrupt\): the bytes are not a JPEG, PNG or WebP image/,
      ],
      ["truncated", { image: png.subarray(0, 40), format: "png" }, /image refused \(corrupt\)/],
      [
        "wrong content type",
        { image: png, format: "jpeg" },
        /image refused \(wrong-format\): declared jpeg, but the bytes are png/,
      ],
      [
        "50 megapixels",
        { image: fifty, format: "png" },
        /image refused \(too-many-pixels\): 8000×6250 = 50\.0 megapixels, over the 4\.0-megapixel limit \(not decoded\)/,
      ],
    ]
    for (const [name, body, message] of cases) {
      const reply = await ask(body)
      expect(reply.status, name).toBe("error")
      expect((reply as { detail: string }).detail, name).toMatch(message)
      const next = await ask({ image: good.image, format: good.format })
      expect(next.status, `serving after ${name}`).toBe("ok")
    }
    const notAnImage = await ask({ image: "not bytes", format: "png" })
    expect(notAnImage.status).toBe("refused")
  })
})

describe("image subnet: mcc", () => {
  it("behavior: 1 when all right, 0 for a constant labeller or no answers, negative when systematically wrong", () => {
    expect(mcc([[0, 0], [1, 1], [2, 2], [3, 3]])).toBeCloseTo(1)
    expect(mcc([[0, 0], [1, 0], [2, 0], [3, 0]])).toBe(0)
    expect(mcc([])).toBe(0)
    expect(mcc([[0, 1], [1, 0], [0, 1], [1, 0]])).toBeCloseTo(-1)
  })

  it("behavior: a timeout counts wrong", () => {
    const right = { reward: 1, status: "ok" as const, parts: { truthClass: 1, predictedClass: 1 } }
    const timeout = { reward: 0, status: "timeout" as const, parts: { truthClass: 2, predictedClass: -1 } }
    // One class asked: MCC is undefined (0); the accuracy term pays.
    expect(weightParts([right, right, right, right]).score).toBeCloseTo(0.5)
    expect(weightParts([right, right, right, right]).weight).toBeCloseTo(0.25)
    const mixed = Array.from(
      { length: 20 },
      (_, i) => (i % 4 === 3 ? timeout : { ...right, parts: { truthClass: i % 4, predictedClass: i % 4 } }),
    )
    const parts = weightParts(mixed)
    expect(parts.accuracy).toBeCloseTo(0.7) // the last 10: three timeouts
    expect(parts.mcc).toBeGreaterThan(0.5)
    expect(parts.mcc).toBeLessThan(1)
  })
})

/** A subnet on the mock chain: one validator with stake and `miners` miners (dev keys: the mock chain's signer holds them). */
const setup = (miners: number) =>
  Effect.map(setupLocalSubnet({ validatorStakesTao: [100], miners }), ({ netuid, validators, miners }) => ({
    netuid,
    validator: validators[0]!.hotkey,
    miners: miners.map((k) => k.hotkey),
  }))

describe("image subnet: the validator runtime", () => {
  it("behavior: from 50 to 100 tasks an honest miner's score averages ≥ 0.9; constant, random and hash-lookup miners ≤ 0.1, the worse model in between; no label reaches a miner", async () => {
    const seen: Array<WireRequest> = []
    // The lookup cheat knows the true label of 400 earlier images from the same generator (another seed).
    const random = seededRandom(99)
    const table: Array<readonly [bigint, string]> = []
    for (let i = 0; i < 400; i++) {
      const g = await generateImage(random)
      table.push([await dHash(g.image), g.label])
    }
    const guesses = seededRandom(3)
    const variants = [
      subnet,
      defineSubnet({ ...subnet, miner: () => Effect.succeed({ label: "circle" }) }),
      defineSubnet({ ...subnet, miner: () => Effect.sync(() => ({ label: LABELS[guesses.int(LABELS.length)]! })) }),
      defineSubnet({ ...subnet, miner: hashLookupMiner(table, { maxDistance: 4, fallback: "circle" }) }),
      defineSubnet({ ...subnet, miner: subnet.lazyMiner! }),
    ]
    const names = ["honest", "constant", "random", "lookup", "worse"]
    const STEPS = 100
    // A score per miner after every task from the 50th: the accuracy term reads only the last 10, so one instant is
    // a noisy sample of a chance-level miner (0.4 right in the last 10 pays it 0.1); weights are set every tempo.
    const history = await Effect.runPromise(
      Effect.gen(function*() {
        const { netuid, validator, miners } = yield* setup(variants.length)
        const served = yield* Effect.forEach(miners, (hotkey, i) => serveMiner(variants[i]!, { netuid, hotkey }))
        for (const m of served) yield* m.sync
        const v = yield* makeValidator(subnet, {
          netuid,
          hotkey: validator,
          timeoutMs: 60_000,
          sampleSize: variants.length,
        }).pipe(Effect.provide(StateStore.layerMemory()))
        const out: Array<Array<ReturnType<typeof weightParts>>> = []
        for (let step = 0; step < STEPS; step++) {
          yield* v.step()
          const scores = v.state().scores as ReadonlyMap<string, ReadonlyArray<never>>
          if (step + 1 >= 50) out.push(miners.map((hotkey) => weightParts(scores.get(hotkey)!)))
        }
        return out
      }).pipe(
        Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), recordingTransport(seen))),
        Effect.scoped,
      ) as Effect.Effect<Array<Array<ReturnType<typeof weightParts>>>>,
    )
    const mean = (i: number) => history.reduce((s, row) => s + row[i]!.score, 0) / history.length
    const final = history.at(-1)!
    const report = Object.fromEntries(names.map((n, i) => [n, {
      meanScore: +mean(i).toFixed(3),
      min: +Math.min(...history.map((r) => r[i]!.score)).toFixed(3),
      max: +Math.max(...history.map((r) => r[i]!.score)).toFixed(3),
      meanWeight: +(history.reduce((s, row) => s + row[i]!.weight, 0) / history.length).toFixed(4),
      finalMcc: +final[i]!.mcc.toFixed(3),
      finalAccuracy10: final[i]!.accuracy,
    }]))
    console.log(`image subnet scores over tasks 50–${STEPS}:`, JSON.stringify(report))
    expect(mean(0)).toBeGreaterThanOrEqual(0.9)
    expect(final[0]!.score).toBeGreaterThanOrEqual(0.9)
    for (const i of [1, 2, 3]) expect(mean(i), names[i]).toBeLessThanOrEqual(0.1)
    expect(mean(4)).toBeLessThan(mean(0))
    expect(mean(4)).toBeGreaterThan(Math.max(mean(1), mean(2), mean(3)))

    expect(seen.length).toBe(STEPS * variants.length)
    for (const request of seen) {
      const body = request.body as Record<string, unknown>
      expect(Object.keys(body).sort()).toEqual(["format", "image"])
      expect(body["image"]).toBeInstanceOf(Uint8Array)
      const bytes = Buffer.from(body["image"] as Uint8Array).toString("latin1")
      const text = JSON.stringify({ ...request, body: { format: body["format"] } })
      for (const label of LABELS) {
        expect(text).not.toContain(label)
        expect(bytes).not.toContain(label)
      }
    }
  })
})
