/**
 * The subnet: its name and version (validators and miners of different major versions do not talk), the schemas,
 * the miner and the validator. `subnet simulate`, `subnet miner` and `subnet validator` load this module's default
 * export.
 */
import { defineSubnet } from "@subnetkit/core"
import { miner } from "./miner.ts"
import { Response, Task } from "./task.ts"
import { generate, score } from "./validator.ts"

export default defineSubnet({
  name: "my-subnet",
  version: "0.1.0",
  task: Task,
  response: Response,
  miner,
  validator: { generate, score },
})
