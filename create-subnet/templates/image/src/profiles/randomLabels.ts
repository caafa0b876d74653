/**
 * A simulation miner profile: a uniformly random label for every image, from the operator's seeded stream, without
 * looking at it. (The built-in `random` profile instead classifies an image of its own.)
 */
import type { MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"
import { LABELS } from "../shapes.ts"

const randomLabels: MinerProfile = {
  name: "random-labels",
  description: "answers a random label without looking at the image",
  make: (env) => ({ answer: () => Effect.sync(() => ({ label: LABELS[env.random.int(LABELS.length)]! }) as never) }),
}
export default randomLabels
