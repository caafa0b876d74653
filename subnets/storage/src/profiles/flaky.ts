/**
 * A miner for simulations: stores honestly, but a `failure` share of its requests fail (default 0.3), as a miner on
 * a bad disk or link would. Name it in a scenario as `"profile": "./src/profiles/flaky.ts"`.
 */
import type { MinerProfile } from "@subnetkit/core"
import { Effect } from "effect"

const flaky: MinerProfile = {
  name: "flaky",
  description: "honest, but a share of its requests fail",
  make: (env) => {
    const failure = env.params.number("failure", 0.3, { min: 0, max: 1 })
    return {
      answer: (task, ctx) =>
        ctx.kind !== "store" && env.random.next() < failure
          ? Effect.fail(new Error("flaky: request failed"))
          : env.subnet.miner(task, ctx),
    }
  },
}
export default flaky
