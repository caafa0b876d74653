/**
 * The text-generation subnet: a validator sends a prompt, sampling settings and the model it expects (task.ts); a
 * miner generates with that model (miner.ts); the validator re-executes the model to check the answer and scores it
 * (validator.ts, scoring.ts). Both are built from the subnet's settings (settings.ts).
 */
import { defineSubnet } from "@subnetkit/core"
import { textMiner } from "./miner.ts"
import type { TextResponse, TextTask } from "./scoring.ts"
import type { TextSettings } from "./settings.ts"
import { bundledSettings, TextSettings as TextSettingsSchema } from "./settings.ts"
import { Response, Task } from "./task.ts"
import { textValidator } from "./validator.ts"

/**
 * The text subnet, with `defaults` over the bundled tiny models as its settings' defaults; a neuron or simulation
 * resolves the settings at start from a config file, SUBNET_TEXT_* and `--set`.
 *
 * @example
 * ```ts
 * import { makeTextSubnet } from "@subnetkit/subnet-text"
 *
 * export default makeTextSubnet({ maxNewTokens: 48 })
 * ```
 */
export function makeTextSubnet(defaults: Partial<TextSettings> = {}) {
  return defineSubnet<TextTask, TextResponse, never, TextSettings>({
    name: "text",
    version: "1.0.0",
    config: { schema: TextSettingsSchema, defaults: { ...bundledSettings, ...defaults }, env: "SUBNET_TEXT" },
    task: Task,
    response: Response,
    handlers: (settings) => {
      const { prepare: loadMinerModel, ...miner } = textMiner(settings)
      const { prepare: loadValidatorModels, ...validator } = textValidator(settings)
      return { ...miner, validator, prepare: (role) => (role === "miner" ? loadMinerModel : loadValidatorModels) }
    },
  })
}
