/**
 * @subnetkit/subnet-image — the default export is the subnet (the bundled tiny classifier and drawn shapes unless its
 * settings say otherwise: SUBNET_IMAGE_MODEL etc., a config file or `--set`), so
 * `subnet miner --subnet subnets/image/src/index.ts` serves it.
 */
import { makeImageSubnet } from "./imageSubnet.ts"

export { FolderError, generateFromFolder, readLabeledFolder } from "./folder.ts"
export type { LabeledFolder } from "./folder.ts"
export { BUNDLED_MODELS, DTYPES, loadClassifier, ModelLoadError, pickLabel } from "./ImageModels.ts"
export type { Classifier, Dtype, ModelSource, Prediction } from "./ImageModels.ts"
export { makeImageSubnet } from "./imageSubnet.ts"
export { imageMiner } from "./miner.ts"
export { checkImage, defaultInputLimits, ImageRefused, prepareImage, sniffFormat, toModelInput } from "./preprocess.ts"
export type { InputLimits, Pixels } from "./preprocess.ts"
export { aboveChance, classOf, mcc, scoreAnswers, SHARPNESS, weigh, weighFor, weightParts, WINDOWS } from "./scoring.ts"
export type { ImageResponse } from "./scoring.ts"
export { bundledSettings, ImageSettings, modelsOf } from "./settings.ts"
export {
  augmentPixels,
  DEFAULT_AUGMENTATION,
  dHash,
  FORMATS,
  generateImage,
  hamming,
  LABELS,
  planAugmentation,
  planImage,
  renderImage,
} from "./shapes.ts"
export type { Augmentation, Format, GeneratedImage, Label } from "./shapes.ts"
export { Response, Task } from "./task.ts"
export type { ImageTask } from "./task.ts"
export { imageValidator } from "./validator.ts"

export default makeImageSubnet()
