/**
 * A simulation miner profile: the perceptual-hash lookup cheat. It answers the label of the earlier image whose dHash
 * is within `maxDistance` bits (default 4) of this one, as if the validator reused or lightly re-encoded its images;
 * with no such image it answers `fallback` (default "circle"). It learns the label of every image it sees afterwards
 * — here from the honest model, standing in for labels leaked after the fact — so the table is as good as a cheat's
 * can be. Fresh, augmented images never come close enough to be found, so it scores like a constant miner.
 */
import type { MinerContext, MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"
import type { ImageResponse } from "../scoring.ts"
import { dHash, hamming } from "../shapes.ts"
import type { ImageTask } from "../task.ts"

/**
 * The cheat as a miner handler over `table` (hash → label, appended to by `learn`): the nearest label within
 * `maxDistance` bits, else `fallback`.
 */
export function hashLookupMiner(
  table: Array<readonly [bigint, string]>,
  options: { readonly maxDistance: number; readonly fallback: string },
  learn?: (task: ImageTask, ctx: MinerContext) => Effect.Effect<string, unknown>,
) {
  return (task: ImageTask, ctx: MinerContext) =>
    Effect.gen(function*() {
      const hash = yield* Effect.promise(() => dHash(task.image))
      let best: string | undefined
      let bestDistance = options.maxDistance + 1
      for (const [h, label] of table) {
        const d = hamming(h, hash)
        if (d < bestDistance) [best, bestDistance] = [label, d]
      }
      if (learn !== undefined) table.push([hash, yield* learn(task, ctx)])
      return { label: best ?? options.fallback } satisfies ImageResponse
    })
}

const hashLookup: MinerProfile = {
  name: "hash-lookup",
  description:
    "answers the label of the earlier image with the nearest perceptual hash, a fixed label when none is near",
  make: (env) => {
    const maxDistance = env.params.integer("maxDistance", 4, { min: 0, max: 64 })
    const fallback = env.params.string("fallback", "circle")
    const learn = (task: ImageTask, ctx: MinerContext) =>
      Effect.map(env.subnet.miner(task as never, ctx), (r) => (r as unknown as ImageResponse).label)
    const miner = hashLookupMiner([], { maxDistance, fallback }, learn)
    return { answer: (task, ctx) => miner(task as unknown as ImageTask, ctx) as never }
  },
}
export default hashLookup
