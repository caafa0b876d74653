/**
 * A simulation miner profile: classifies every image honestly, but with the subnet's smaller, worse model (its
 * `lazyMiner`: the bundled `tiny-shapes-small`). It should earn something, and less per hotkey than honest miners.
 */
import type { MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"

const worseModel: MinerProfile = {
  name: "worse-model",
  description: "classifies every image with a smaller, worse model",
  make: (env) => {
    const worse = env.subnet.lazyMiner
    return {
      answer: (task, ctx) => (worse === undefined
        ? Effect.fail(new Error(`subnet ${env.subnet.name} has no lazyMiner`))
        : worse(task, ctx)),
    }
  },
}
export default worseModel
