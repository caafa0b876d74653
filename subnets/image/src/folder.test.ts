/**
 * Tasks from a user's labelled folder: labels from the subdirectories, fresh augmented bytes every task (never a
 * file's own), the label as hidden truth, scoring over that folder's label count, and a clear error for a bad layout.
 */
import { seededRandom } from "@subnetkit/core"
import { Effect } from "effect"
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import sharp from "sharp"
import { describe, expect, it } from "vitest"
import { FolderError, readLabeledFolder } from "./folder.ts"
import { makeImageSubnet } from "./imageSubnet.ts"
import { sniffFormat } from "./preprocess.ts"

async function folderOf(layout: Record<string, ReadonlyArray<string>>) {
  const dir = mkdtempSync(join(tmpdir(), "subnet-image-folder-"))
  for (const [label, colours] of Object.entries(layout)) {
    mkdirSync(join(dir, label))
    for (const [i, colour] of colours.entries()) {
      writeFileSync(
        join(dir, label, `${i}.png`),
        await sharp({ create: { width: 300, height: 200, channels: 3, background: colour } }).png().toBuffer(),
      )
    }
    writeFileSync(join(dir, label, "notes.txt"), "not an image")
  }
  return dir
}

describe("image subnet: a labelled folder", () => {
  it("behavior: labels are the subdirectories; every task is fresh augmented bytes of one of them, its label the truth", async () => {
    const dir = await folderOf({ red: ["#e01010", "#c02020"], blue: ["#1010e0"], green: ["#10c010"] })
    const subnet = makeImageSubnet({ folder: dir })
    const originals = ["red/0.png", "red/1.png", "blue/0.png", "green/0.png"].map((f) =>
      readFileSync(join(dir, f)).toString("base64")
    )
    const random = seededRandom(4)
    const seen = new Set<string>()
    const truths = new Set<string>()
    for (let step = 0; step < 24; step++) {
      const { task, truth } = await Effect.runPromise(
        subnet.validator.generate({ config: subnet.config!.defaults, hotkey: "v", step, random }) as Effect.Effect<
          { task: { image: Uint8Array; format: string }; truth: string }
        >,
      )
      expect(["blue", "green", "red"]).toContain(truth)
      truths.add(truth)
      expect(sniffFormat(task.image)).toBe(task.format)
      const b64 = Buffer.from(task.image).toString("base64")
      expect(originals).not.toContain(b64)
      seen.add(b64)
    }
    expect(seen.size).toBe(24)
    expect(truths.size).toBe(3)
    // Three classes: a third right by chance is worth nothing.
    const scored = await Effect.runPromise(subnet.validator.score({ image: new Uint8Array(), format: "png" }, [
      { uid: 1, hotkey: "a", status: "ok", response: { label: "red" }, latencyMs: 1 },
      { uid: 2, hotkey: "b", status: "ok", response: { label: "circle" }, latencyMs: 1 },
    ], { config: subnet.config!.defaults, hotkey: "v", step: 0, random, truth: "red" }) as unknown as Effect.Effect<
      ReadonlyArray<{ score: number }>
    >)
    expect(scored.map((s) => s.score)).toEqual([1, 0])
    // The scoreboard reads the label count from the results the folder's validator scored.
    const third = Array.from({ length: 30 }, (_, i) => ({
      reward: i % 3 === 0 ? 1 : 0,
      status: "ok" as const,
      parts: { truthClass: i % 3, predictedClass: 0, classes: 3 },
    }))
    expect(subnet.scoreboard!.weight(third)).toBe(0)
    expect(subnet.scoreboard!.weight(third.map((r) => ({ ...r, parts: { ...r.parts, classes: 4 } })))).toBeGreaterThan(
      0,
    )
  })

  it("error: a folder without two labelled subdirectories says what layout it needs", async () => {
    const dir = await folderOf({ only: ["#ffffff"] })
    expect(() => readLabeledFolder(dir)).toThrow(FolderError)
    expect(() => readLabeledFolder(dir)).toThrow(
      /found 1 label\(s\) with images \(only\)\. Lay it out as <dir>\/<label>\/<image>/,
    )
    expect(() => readLabeledFolder(join(dir, "missing"))).toThrow(/Cannot use .*missing as labelled images: ENOENT/)
  })
})
