/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`): text generation with the
 * bundled tiny models in models/. Its settings (model, token budget, latency budget: settings.ts) default to those
 * models and can come from SUBNET_TEXT_* variables, a `--config` file or `--set`.
 *
 * Where things are: task.ts (what is asked and answered), miner.ts (the miner), validator.ts (the task generator and
 * the scorer, with scoring.ts and prompts.ts), settings.ts; textSubnet.ts puts them together. It is the reference text
 * subnet's code: change it freely, it is yours now.
 */
import { makeTextSubnet } from "./textSubnet.ts"

export default makeTextSubnet()
