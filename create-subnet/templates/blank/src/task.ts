/**
 * What a validator asks and what a miner answers. The schemas are checked at the boundary: a miner refuses a task
 * that does not match `Task`, a validator scores a response that does not match `Response` as invalid.
 */
import { Schema } from "effect"

// Replace with your task: here, a short list of integers to add up.
export const Task = Schema.Struct({
  numbers: Schema.Array(Schema.Int).pipe(Schema.check(Schema.isMaxLength(100))),
})
export type Task = typeof Task.Type

export const Response = Schema.Struct({ sum: Schema.Int })
export type Response = typeof Response.Type
