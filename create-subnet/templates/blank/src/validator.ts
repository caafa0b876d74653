/**
 * The validator: `generate` makes a task, `score` turns the miners' answers into rewards in [0, 1], one per answer.
 * The runtime turns rewards into weights on the chain, and the chain's mechanism (Yuma) into emission.
 */
import type { Answer, ValidatorContext } from "@subnetkit/core"
import { Effect } from "effect"
import type { Response, Task } from "./task.ts"

/** Use `ctx.random` (seeded), not Math.random: simulations are then repeatable. */
export const generate = (ctx: ValidatorContext): Effect.Effect<Task> =>
  Effect.sync(() => ({ numbers: Array.from({ length: 1 + ctx.random.int(10) }, () => ctx.random.int(1000)) }))

/** 1 for the right sum, 0 for a wrong one or no answer (a timeout, an error, a malformed response). */
export const score = (task: Task, answers: ReadonlyArray<Answer<Response>>): Effect.Effect<ReadonlyArray<number>> => {
  const expected = task.numbers.reduce((total, n) => total + n, 0)
  return Effect.succeed(answers.map((a) => (a.status === "ok" && a.response?.sum === expected ? 1 : 0)))
}
