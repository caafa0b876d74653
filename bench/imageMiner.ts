/**
 * The image subnet's costs (issue 13): images/s the validator generates (sharp: draw, augment, encode); images/s the
 * bundled classifier labels on preprocessed pixels at batch 1 and batch 16; the miner's whole handler (check, decode,
 * resize, classify) one task at a time ("bare"); the same tasks through a signed Axon over HTTP, one at a time and
 * 16 in flight (which the miner batches); and the Axon's overhead over the bare handler. Seeded images, best of
 * three passes: a busy 2-core machine drifts more between runs than some of these differences.
 */
import { Effect } from "effect"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { fromSnapshot } from "../packages/core/src/metagraph/Metagraph.ts"
import { minerEndpoint } from "../packages/core/src/neuron/minerEndpoint.ts"
import { minerContext } from "../packages/core/src/subnet/minerContext.ts"
import { seededRandom } from "../packages/core/src/subnet/seededRandom.ts"
import { startAxon } from "../packages/core/src/transport/http/Axon.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import { loadClassifier } from "../subnets/image/src/ImageModels.ts"
import { makeImageSubnet } from "../subnets/image/src/imageSubnet.ts"
import { toModelInput } from "../subnets/image/src/preprocess.ts"
import { bundledSettings, modelsOf } from "../subnets/image/src/settings.ts"
import type { GeneratedImage } from "../subnets/image/src/shapes.ts"
import { generateImage } from "../subnets/image/src/shapes.ts"
import type { ImageTask } from "../subnets/image/src/task.ts"

export interface ImageMinerBench {
  readonly images: number
  readonly generatedPerSecond: number
  readonly classifiedPerSecondBatch1: number
  readonly classifiedPerSecondBatch16: number
  readonly bareTasksPerSecond: number
  readonly axonTasksPerSecond: number
  readonly axonTasksPerSecond16InFlight: number
  readonly overheadPercent: number
  readonly axonMsPerTask: number
}

const best = async (passes: number, f: () => Promise<void>): Promise<number> => {
  let seconds = Infinity
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now()
    await f()
    seconds = Math.min(seconds, (performance.now() - t0) / 1000)
  }
  return seconds
}

export async function benchImageMiner(count = 96): Promise<ImageMinerBench> {
  await Effect.runPromise(keysReady)
  const subnet = makeImageSubnet()
  const classifier = await Effect.runPromise(loadClassifier(modelsOf(bundledSettings).model, 16))

  let images: Array<GeneratedImage> = []
  const generation = await best(3, async () => {
    const random = seededRandom(13)
    images = []
    for (let i = 0; i < count; i++) images.push(await generateImage(random))
  })
  const tasks: Array<ImageTask> = images.map((g) => ({ image: g.image, format: g.format }))
  const pixels = await Promise.all(images.map((g) => Effect.runPromise(toModelInput(g.image, classifier.inputSize))))

  const batch1 = await best(3, async () => {
    for (const p of pixels) await classifier.classifyBatch([p])
  })
  const batch16 = await best(3, async () => {
    for (let i = 0; i < pixels.length; i += 16) await classifier.classifyBatch(pixels.slice(i, i + 16))
  })

  const ctx = minerContext({ hotkey: "bench" })
  const bareLabels: Array<string> = []
  const bare = await best(3, async () => {
    bareLabels.length = 0
    for (const t of tasks) bareLabels.push((await Effect.runPromise(Effect.orDie(subnet.miner(t, ctx)))).label)
  })

  const minerKey = keypairFromUri("//bench/image/miner")
  const validatorKey = keypairFromUri("//bench/image/validator")
  const graph = fromSnapshot({ netuid: 1, block: 1, ownerHotkey: "", ownerColdkey: "", tempo: 360, neurons: [] })
  const axon = await startAxon({
    endpoint: minerEndpoint({
      subnet,
      hotkey: minerKey.address,
      policy: { requireRegistered: false, requireValidatorPermit: false, minStakeRao: 0n },
      metagraph: () => graph,
    }),
    pair: minerKey,
    run: Effect.runPromise,
    log: () => {},
    maxConcurrent: 64,
  })
  const dendrite = new Dendrite({ keys: [validatorKey], protocol: "http" })
  const ask = async (t: ImageTask) => {
    const reply = await dendrite.call(
      { ip: "127.0.0.1", port: axon.port },
      { subnet: "image", kind: "task", caller: validatorKey.address, target: minerKey.address, body: t },
      { timeoutMs: 30_000 },
    )
    if (reply.status !== "ok") throw new Error(`bench request failed: ${JSON.stringify(reply)}`)
    return (reply.body as { label: string }).label
  }
  const axonLabels: Array<string> = []
  const sequential = await best(3, async () => {
    axonLabels.length = 0
    for (const t of tasks) axonLabels.push(await ask(t))
  })
  const inFlight = await best(3, async () => {
    let next = 0
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < tasks.length) await ask(tasks[next++]!)
    }))
  })
  dendrite.close()
  await axon.close()
  if (axonLabels.some((l, i) => l !== bareLabels[i])) {
    throw new Error("labels through the Axon differ from the bare handler's")
  }

  return {
    images: count,
    generatedPerSecond: count / generation,
    classifiedPerSecondBatch1: count / batch1,
    classifiedPerSecondBatch16: count / batch16,
    bareTasksPerSecond: count / bare,
    axonTasksPerSecond: count / sequential,
    axonTasksPerSecond16InFlight: count / inFlight,
    overheadPercent: (sequential / bare - 1) * 100,
    axonMsPerTask: ((sequential - bare) / count) * 1000,
  }
}
