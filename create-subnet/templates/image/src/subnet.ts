/**
 * The subnet every command loads (`subnet simulate`, `subnet miner`, `subnet validator`): image labelling with hidden
 * truth. The validator draws a shape image (sharp) whose label only it knows; miners classify it with the bundled tiny
 * model in models/. Its settings (model, augmentation, a folder of your own labelled images, …: settings.ts) can
 * come from SUBNET_IMAGE_* variables, a `--config` file or `--set`.
 *
 * Where things are: task.ts (what is asked and answered), miner.ts (the miner, with preprocess.ts and ImageModels.ts),
 * validator.ts (the image generator and the scorer, with shapes.ts and scoring.ts), settings.ts; imageSubnet.ts puts
 * them together. It is the reference image subnet's code: change it freely, it is yours now.
 */
import { makeImageSubnet } from "./imageSubnet.ts"

export default makeImageSubnet()
