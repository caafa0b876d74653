/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`): text generation with the
 * bundled tiny models in models/. Its settings (model, token budget, latency budget) default to those models and can
 * come from SUBNET_TEXT_* variables, a `--config` file or `--set`.
 *
 * Where things are: task.ts (what is asked and answered), miner.ts, validator.ts; the code behind them is the
 * reference text subnet's (textSubnet.ts, scoring.ts, prompts.ts, TextModels.ts). Change it freely: it is yours now.
 */
import { bundledConfig, makeTextSubnet } from "./textSubnet.ts"

export default makeTextSubnet(bundledConfig)
