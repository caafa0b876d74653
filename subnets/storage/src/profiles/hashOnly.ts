/**
 * A lying miner for simulations and tests: keeps only each replica's Merkle leaf hashes (2 KiB per MiB) instead of
 * the bytes. It acknowledges stores with the right root and can build proofs and seeded digests, but not the data.
 * Name it in a scenario as `"profile": "./src/profiles/hashOnly.ts"`.
 */
import type { MinerProfile } from "@subnetkit/core"
import { writeFileAtomic } from "@subnetkit/core"
import { Effect } from "effect"
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { challengeLeaves } from "../challenge.ts"
import { buildTree, leafLength, merkleRoot, prove } from "../merkle.ts"

interface Kept {
  readonly length: number
  readonly leaves: ReadonlyArray<string>
}

const place = (dataDir: string, caller: string, id: string) => join(dataDir, "hashes", caller, id)

/** The kinds' answers of a miner that keeps hashes only. */
export const hashOnlyAnswer = (
  task: any,
  ctx: { kind: string; dataDir: string; caller: { hotkey: string } },
): Effect.Effect<unknown, unknown> =>
  Effect.tryPromise({
    try: async () => {
      const path = place(ctx.dataDir, ctx.caller.hotkey, task.id)
      if (ctx.kind === "store") {
        const leaves = buildTree(task.data)[0]!.map((h) => h.toString("hex"))
        mkdirSync(join(path, ".."), { recursive: true })
        await writeFileAtomic(path, JSON.stringify({ length: task.data.length, leaves }))
        return { root: merkleRoot(task.data) }
      }
      const kept = JSON.parse(readFileSync(path, "utf8")) as Kept
      if (ctx.kind !== "challenge") throw new Error("only hashes are kept here")
      // Rebuild the tree from the leaf hashes: the proof is valid, the bytes are not there.
      const hashes: Array<Buffer> = kept.leaves.map((h) => Buffer.from(h, "hex"))
      const levels: Array<Array<Buffer>> = [hashes]
      while (levels.at(-1)!.length > 1) {
        const below = levels.at(-1)!
        const up: Array<Buffer> = []
        for (let i = 0; i < below.length; i += 2) {
          up.push(
            i + 1 < below.length
              ? createHash("sha256").update(Buffer.from([1])).update(below[i]!).update(below[i + 1]!).digest()
              : below[i]!,
          )
        }
        levels.push(up)
      }
      const picked = challengeLeaves(task.seed, kept.length, task.leaves)
      const digest = createHash("sha256").update(Buffer.from([3])).update(task.seed)
      for (const i of picked) digest.update(hashes[i]!)
      return {
        data: Buffer.alloc(picked.reduce((a, i) => a + leafLength(kept.length, i), 0)),
        proof: prove(levels, picked),
        digest: digest.digest(),
      }
    },
    catch: (e) => e,
  })

const hashOnly: MinerProfile = {
  name: "hash-only",
  description: "keeps each replica's Merkle leaf hashes, drops the bytes",
  make: () => ({ answer: (task, ctx) => hashOnlyAnswer(task, ctx) as Effect.Effect<any, unknown> }),
}
export default hashOnly
