/**
 * The miner: answers one task. Return an Effect; a failure (Effect.fail) is reported to the validator as an error,
 * and `ctx.signal` aborts when the validator's deadline passes.
 */
import type { MinerContext } from "@subnetkit/core"
import { Effect } from "effect"
import type { Response, Task } from "./task.ts"

export const miner = (task: Task, _ctx: MinerContext): Effect.Effect<Response> =>
  Effect.succeed({ sum: task.numbers.reduce((total, n) => total + n, 0) })
