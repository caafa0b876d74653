/**
 * A simulation miner profile: serves a different (smaller) model under the declared model's name. Named by path in
 * a scenario (`"profile": "./src/profiles/otherModel.ts"`); the validator's re-execution should pay it nothing.
 */
import type { MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"

const otherModel: MinerProfile = {
  name: "other-model",
  description: "serves a different model under the declared model's name",
  make: (env) => {
    const other = env.subnet.lazyMiner
    return {
      answer: (task, ctx) => (other === undefined
        ? Effect.fail(new Error(`subnet ${env.subnet.name} has no lazyMiner`))
        : other(task, ctx)),
    }
  },
}
export default otherModel
