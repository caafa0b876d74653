/**
 * A lying miner for simulations and tests: acknowledges every store but keeps nothing, and answers challenges and
 * retrievals from another miner's copy of the same replica id (found beside its own data directory). Per-miner
 * sealing makes that copy another replica with another root, so it fails. Name it in a scenario as
 * `"profile": "./src/profiles/proxying.ts"`.
 */
import type { MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { answerChallenge } from "../challenge.ts"
import { merkleRoot } from "../merkle.ts"

/** Another hotkey's copy of replica `id` kept for `caller`, from the data directories beside `dataDir`. */
function borrowed(dataDir: string, caller: string, id: string): Buffer | null {
  const parent = dirname(dataDir)
  for (const other of existsSync(parent) ? readdirSync(parent) : []) {
    const path = join(parent, other, "chunks", caller, id)
    if (join(parent, other) !== dataDir && existsSync(path)) return readFileSync(path)
  }
  return null
}

export const proxyingAnswer = (
  task: any,
  ctx: { kind: string; dataDir: string; caller: { hotkey: string } },
): Effect.Effect<unknown, unknown> =>
  Effect.try({
    try: () => {
      if (ctx.kind === "store") return { root: merkleRoot(task.data) }
      const copy = borrowed(ctx.dataDir, ctx.caller.hotkey, task.id)
      if (copy === null) throw new Error(`no other miner holds ${task.id}`)
      return ctx.kind === "challenge" ? answerChallenge(copy, task.seed, task.leaves) : { data: copy }
    },
    catch: (e) => e,
  })

const proxying: MinerProfile = {
  name: "proxying",
  description: "stores nothing, answers from another miner's copy",
  make: () => ({ answer: (task, ctx) => proxyingAnswer(task, ctx) as Effect.Effect<any, unknown> }),
}
export default proxying
