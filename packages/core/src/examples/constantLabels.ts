/** A labels miner profile for simulations: answers "flat" whatever the series (right a third of the time). */
import { Effect } from "effect"
import type { MinerProfile } from "../simulation/MinerProfile.ts"

const constant: MinerProfile = {
  name: "constant",
  description: "answers the same label to every task",
  make: () => ({ answer: () => Effect.succeed({ label: "flat" } as never) }),
}
export default constant
