/**
 * The smallest useful subnet, for tests and examples: the task is two integers, the answer their sum, and a
 * validator rewards exactly-right answers. Variants of the miner (wrong, silent) make adversarial populations.
 */
import { Effect, Schema } from "effect"
import { defineSubnet } from "../subnet/defineSubnet.ts"

export const arithmetic = defineSubnet({
  name: "arithmetic",
  version: "1.0.0",
  task: Schema.Struct({ a: Schema.Int, b: Schema.Int }),
  response: Schema.Struct({ sum: Schema.Int }),
  miner: (task) => Effect.succeed({ sum: task.a + task.b }),
  validator: {
    generate: (ctx) => Effect.sync(() => ({ a: ctx.random.int(1000), b: ctx.random.int(1000) })),
    score: (task, answers) =>
      Effect.succeed(answers.map((a) => (a.status === "ok" && a.response?.sum === task.a + task.b ? 1 : 0))),
  },
})

/** Answers, but wrongly. */
export const wrongArithmetic = {
  ...arithmetic,
  miner: (task: { a: number; b: number }) => Effect.succeed({ sum: task.a + task.b + 1 }),
}

/** Never answers. */
export const silentArithmetic = { ...arithmetic, miner: () => Effect.never }
