/**
 * The image subnet's settings through core's resolution (defaults < config file < SUBNET_IMAGE_* < `--set`): each
 * value reaches the handlers through `ctx.config`, the environment names it has always read keep working, and a bad
 * value is a `SubnetConfigError` naming where it came from.
 */
import type { ConfigSources } from "@subnetkit/core"
import { minerContext, resolveSubnetConfig, seededRandom, SubnetConfigError } from "@subnetkit/core"
import { Effect } from "effect"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import sharp from "sharp"
import { describe, expect, it } from "vitest"
import { ModelLoadError } from "./ImageModels.ts"
import { makeImageSubnet } from "./imageSubnet.ts"
import type { ImageSettings } from "./settings.ts"
import { generateImage } from "./shapes.ts"
import type { ImageTask } from "./task.ts"

const subnet = makeImageSubnet()
const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect as Effect.Effect<A>)
const resolve = (sources: ConfigSources) =>
  run(resolveSubnetConfig("image", subnet.config!, sources)) as Promise<ImageSettings>
const refusal = (sources: ConfigSources) =>
  Effect.runPromise(Effect.flip(resolveSubnetConfig("image", subnet.config!, sources)))
const generate = (config: ImageSettings, seed: number) =>
  run(
    subnet.validator.generate({ config, hotkey: "v", step: 0, random: seededRandom(seed) }) as Effect.Effect<
      { task: ImageTask; truth: string }
    >,
  )

describe("image subnet: settings", () => {
  it("behavior: --set augmentation=0.8 reaches the validator's generator; a config file and SUBNET_IMAGE_* give the others", async () => {
    const settings = await resolve({
      flags: { augmentation: "0.8" },
      file: { maxBatch: 4, augmentation: 0.1 },
      env: { SUBNET_IMAGE_ALLOW_REMOTE: "1" },
    })
    expect(settings).toMatchObject({
      augmentation: 0.8,
      maxBatch: 4,
      allowRemote: true,
      model: "tiny-shapes",
      folder: "",
    })
    const drawn = await generate(settings, 11)
    const expected = await generateImage(seededRandom(11), 0.8)
    expect(Buffer.from(drawn.task.image).equals(Buffer.from(expected.image))).toBe(true)
    expect(drawn.truth).toBe(expected.label)
    // The defaults' strength (0.5) draws other bytes from the same seed.
    const plain = await generate(subnet.config!.defaults, 11)
    expect(Buffer.from(plain.task.image).equals(Buffer.from(drawn.task.image))).toBe(false)
  })

  it("behavior: SUBNET_IMAGE_MODEL reaches the miner: an unknown model is the model it tries to load", async () => {
    const settings = await resolve({ env: { SUBNET_IMAGE_MODEL: "no-such-model", SUBNET_IMAGE_DTYPE: "q8" } })
    const image = (await generateImage(seededRandom(2))).image
    const error = await Effect.runPromise(
      Effect.flip(subnet.miner({ image, format: "png" }, minerContext({ hotkey: "m", config: settings }))),
    )
    expect(error).toBeInstanceOf(ModelLoadError)
    expect(String(error)).toMatch(/Cannot load model "no-such-model" \(dtype q8\)/)
    await expect(run(subnet.prepare!("miner", settings))).rejects.toThrow(/no-such-model/)
  })

  it("behavior: SUBNET_IMAGE_FOLDER and SUBNET_IMAGE_LABEL_MAP reach the validator and the miner", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subnet-image-settings-"))
    for (const [label, colour] of [["red", "#e01010"], ["blue", "#1010e0"]] as const) {
      mkdirSync(join(dir, label))
      writeFileSync(
        join(dir, label, "0.png"),
        await sharp({ create: { width: 64, height: 64, channels: 3, background: colour } }).png().toBuffer(),
      )
    }
    // Every shape mapped to "red": the miner answers "red" whatever it sees.
    writeFileSync(
      join(dir, "map.json"),
      JSON.stringify({ circle: "red", square: "red", triangle: "red", cross: "red" }),
    )
    const settings = await resolve({
      env: { SUBNET_IMAGE_FOLDER: dir, SUBNET_IMAGE_LABEL_MAP: `@${join(dir, "map.json")}` },
    })
    await run(subnet.prepare!("validator", settings))
    const { task, truth } = await generate(settings, 3)
    expect(["blue", "red"]).toContain(truth)
    const answer = await run(subnet.miner(task, minerContext({ hotkey: "m", config: settings })))
    expect(answer).toEqual({ label: "red" })
    const scored = await run(
      subnet.validator.score(task, [{ uid: 1, hotkey: "m", status: "ok", response: answer, latencyMs: 1 }], {
        config: settings,
        hotkey: "v",
        step: 0,
        random: seededRandom(1),
        truth: "red",
      }) as Effect.Effect<ReadonlyArray<{ score: number; parts: Record<string, unknown> }>>,
    )
    expect(scored[0]).toMatchObject({ score: 1, parts: { classes: 2 } })
  })

  it("behavior: makeImageSubnet(config) sets the defaults the sources override", async () => {
    const custom = makeImageSubnet({ augmentation: 0.2, maxBatch: 8 })
    expect(custom.config!.defaults).toMatchObject({ augmentation: 0.2, maxBatch: 8, labelMap: "" })
    expect(await run(resolveSubnetConfig("image", custom.config!, { env: { SUBNET_IMAGE_AUGMENTATION: "0.9" } })))
      .toMatchObject({ augmentation: 0.9, maxBatch: 8 })
  })

  it("error: a bad value is a SubnetConfigError naming the flag, variable or file field", async () => {
    const cases: Array<readonly [ConfigSources, string]> = [
      [{ flags: { augmentation: "2" } }, "--set augmentation"],
      [{ flags: { augmentation: "lots" } }, "--set augmentation"],
      [{ env: { SUBNET_IMAGE_DTYPE: "fp64" } }, "SUBNET_IMAGE_DTYPE"],
      [{ env: { SUBNET_IMAGE_MAX_BATCH: "0" } }, "SUBNET_IMAGE_MAX_BATCH"],
      [{ env: { SUBNET_IMAGE_ALLOW_REMOTE: "yes" } }, "SUBNET_IMAGE_ALLOW_REMOTE"],
      [{ env: { SUBNET_IMAGE_LABEL_MAP: "{not json" } }, "SUBNET_IMAGE_LABEL_MAP"],
      [{ file: { maxBatch: 2.5 } }, "config file field maxBatch"],
      [{ flags: { augmentaton: "0.8" } }, "--set augmentaton"],
    ]
    for (const [sources, where] of cases) {
      const error = await refusal(sources)
      expect(error, where).toBeInstanceOf(SubnetConfigError)
      expect(error.where, JSON.stringify(sources)).toBe(where)
    }
    expect(String(await refusal({ flags: { augmentation: "2" } }))).toMatchInlineSnapshot(
      `"SubnetConfigError: subnet image configuration, --set augmentation: Expected a value between 0 and 1"`,
    )
  })

  it("error: a folder or label-map file that cannot be used stops prepare, naming the setting", async () => {
    const missing = join(tmpdir(), "subnet-image-no-such-folder")
    const folder = await resolve({ flags: { folder: missing } })
    const error = await Effect.runPromise(Effect.flip(subnet.prepare!("validator", folder)))
    expect(error).toBeInstanceOf(SubnetConfigError)
    expect(String(error)).toMatch(
      /subnet image configuration, setting folder: Cannot use .*subnet-image-no-such-folder as labelled images: ENOENT/,
    )
    const labelMap = await resolve({ flags: { labelMap: "@/no/such/map.json" } })
    expect(String(await Effect.runPromise(Effect.flip(subnet.prepare!("miner", labelMap))))).toMatch(
      /setting labelMap: @\/no\/such\/map\.json: ENOENT/,
    )
  })
})
