/**
 * A simulation miner profile: the same label (`label`, default "circle") whatever the image — right a quarter of the
 * time by chance, MCC 0. Named by path in a scenario (`"profile": "./src/profiles/constant.ts"`).
 */
import type { MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"

const constant: MinerProfile = {
  name: "constant",
  description: "answers the same label to every image",
  make: (env) => {
    const label = env.params.string("label", "circle")
    return { answer: () => Effect.succeed({ label } as never) }
  },
}
export default constant
