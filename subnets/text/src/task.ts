/**
 * What a validator asks and a miner answers: a prompt with the generation settings the miner must use (`model`,
 * `maxNewTokens`, `temperature`, `repetitionPenalty`), and the text with its token ids. The schemas check both at the
 * boundary; prompts are cut from the public-domain corpus in corpus/ (prompts.ts).
 */
import { Schema } from "effect"

export const Task = Schema.Struct({
  prompt: Schema.String.pipe(Schema.check(Schema.isMaxLength(2000))),
  model: Schema.String,
  maxNewTokens: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 512 }))),
  temperature: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 2 }))),
  repetitionPenalty: Schema.Finite.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 2 }))),
})

export const Response = Schema.Struct({
  text: Schema.String.pipe(Schema.check(Schema.isMaxLength(20_000))),
  tokens: Schema.Array(Schema.Int).pipe(Schema.check(Schema.isMaxLength(512))),
})
