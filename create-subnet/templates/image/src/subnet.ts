/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`): image labelling with hidden
 * truth. The validator draws a shape image (sharp) whose label only it knows; miners classify it with the bundled tiny
 * model in models/. Its settings (model, augmentation, a folder of your own labelled images, …: see settings.ts) can
 * come from SUBNET_IMAGE_* variables, a `--config` file or `--set`.
 *
 * Where things are: task.ts, miner.ts, validator.ts; the code behind them is the reference image subnet's
 * (imageSubnet.ts, shapes.ts, preprocess.ts, scoring.ts, ImageModels.ts). Change it freely: it is yours now.
 */
import { bundledConfig, makeImageSubnet } from "./imageSubnet.ts"

export default makeImageSubnet(bundledConfig)
