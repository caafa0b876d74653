/**
 * @subnetkit/subnet-text — the default export is the subnet (bundled tiny models unless its settings say otherwise:
 * SUBNET_TEXT_MODEL etc., a config file or `--set`), so `subnet miner --subnet subnets/text/src/index.ts` serves it.
 */
import { makeTextSubnet } from "./textSubnet.ts"

export { textMiner } from "./miner.ts"
export { generatePrompt } from "./prompts.ts"
export { SCORE_WEIGHTS, scoreAnswer, scoreAnswers, TIE_TOLERANCE } from "./scoring.ts"
export type { ScoreOptions, ScoreParts, ScoringModels, TextResponse, TextTask } from "./scoring.ts"
export { bundledSettings, modelsOf, TextSettings } from "./settings.ts"
export { Response, Task } from "./task.ts"
export { BUNDLED_MODELS, DTYPES, loadCausalModel, loadEmbedder, loadGenerator, ModelLoadError } from "./TextModels.ts"
export type { Dtype, ModelSource } from "./TextModels.ts"
export { makeTextSubnet } from "./textSubnet.ts"
export { textValidator } from "./validator.ts"

export default makeTextSubnet()
