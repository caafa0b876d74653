/**
 * A subnet with settings (the README's "Settings" example): the miner echoes a task with the prefix its settings
 * name, and the validator pays answers that carry the same prefix. Its functions are built from the resolved
 * settings once, by `handlers`.
 */
import { Effect, Schema } from "effect"
import { defineSubnet } from "../subnet/defineSubnet.ts"

export default defineSubnet({
  name: "echo",
  version: "1.0.0",
  config: { schema: Schema.Struct({ prefix: Schema.String }), defaults: { prefix: ">" }, env: "SUBNET_ECHO" },
  task: Schema.Struct({ text: Schema.String }),
  response: Schema.Struct({ text: Schema.String }),
  handlers: (settings) => ({
    miner: (task) => Effect.succeed({ text: `${settings.prefix} ${task.text}` }),
    validator: {
      generate: (ctx) => Effect.sync(() => ({ text: String(ctx.random.int(100)) })),
      score: (task, answers) =>
        Effect.succeed(answers.map((a) => (a.response?.text === `${settings.prefix} ${task.text}` ? 1 : 0))),
    },
  }),
})
