/**
 * A kv miner profile for simulations: acknowledges every put, then loses its data (wipes its store each round).
 * Name it in a scenario as `"profile": "./kvForgetful.ts"`.
 */
import { Effect } from "effect"
import { rmSync } from "node:fs"
import type { MinerProfile } from "../simulation/MinerProfile.ts"

const forgetful: MinerProfile = {
  name: "forgetful",
  description: "acknowledges every put, then wipes its store before it is asked for anything",
  make: (env) => ({
    answer: (task, ctx) =>
      Effect.andThen(
        ctx.kind === "get" ? Effect.sync(() => rmSync(ctx.dataDir, { recursive: true, force: true })) : Effect.void,
        env.subnet.miner(task, ctx),
      ),
  }),
}
export default forgetful
