/**
 * @subnetkit/subnet-text — the default export is the subnet configured from the environment (bundled tiny models
 * unless SUBNET_TEXT_MODEL etc. say otherwise), so `subnet miner --subnet subnets/text/src/index.ts` serves it.
 */
import { configFromEnv, makeTextSubnet } from "./textSubnet.ts"

export { bundledConfig, configFromEnv, makeTextSubnet } from "./textSubnet.ts"
export type { TextSubnetConfig } from "./textSubnet.ts"
export { SCORE_WEIGHTS, scoreAnswer } from "./scoring.ts"
export type { ScoreParts, ScoringModels, TextResponse, TextTask } from "./scoring.ts"
export { BUNDLED_MODELS, DTYPES, loadCausalModel, loadEmbedder, loadGenerator, ModelLoadError } from "./TextModels.ts"
export type { Dtype, ModelSource } from "./TextModels.ts"
export { generatePrompt } from "./prompts.ts"

export default makeTextSubnet(configFromEnv())
