/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`): image labelling with hidden
 * truth. The validator draws a shape image (sharp) whose label only it knows; miners classify it with the bundled tiny
 * model in models/ (or SUBNET_IMAGE_MODEL, SUBNET_IMAGE_FOLDER for your own labelled images: see imageSubnet.ts).
 *
 * Where things are: task.ts, miner.ts, validator.ts; the code behind them is the reference image subnet's
 * (imageSubnet.ts, shapes.ts, preprocess.ts, scoring.ts, ImageModels.ts). Change it freely: it is yours now.
 */
import { configFromEnv, makeImageSubnet } from "./imageSubnet.ts"

export default makeImageSubnet(configFromEnv())
