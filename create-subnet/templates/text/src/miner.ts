/**
 * The miner generates with the declared model (transformers.js, `loadGenerator`), refusing a task for another model,
 * and streams tokens when the validator asks for a stream. Its code: `handlers` in textSubnet.ts.
 */
import subnet from "./subnet.ts"

export { loadGenerator } from "./TextModels.ts"
export const miner = subnet.miner
