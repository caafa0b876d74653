/**
 * @subnetkit/subnet-image — the default export is the subnet configured from the environment (the bundled tiny
 * classifier unless SUBNET_IMAGE_MODEL etc. say otherwise), so `subnet miner --subnet subnets/image/src/index.ts`
 * serves it.
 */
import { configFromEnv, makeImageSubnet } from "./imageSubnet.ts"

export { bundledConfig, configFromEnv, makeImageSubnet } from "./imageSubnet.ts"
export type { ImageSubnetConfig, ImageTask } from "./imageSubnet.ts"
export { aboveChance, classOf, mcc, scoreAnswers, SHARPNESS, weigh, weighFor, weightParts, WINDOWS } from "./scoring.ts"
export type { ImageResponse } from "./scoring.ts"
export { BUNDLED_MODELS, DTYPES, loadClassifier, ModelLoadError, pickLabel } from "./ImageModels.ts"
export type { Classifier, Dtype, ModelSource, Prediction } from "./ImageModels.ts"
export { checkImage, defaultInputLimits, ImageRefused, prepareImage, sniffFormat, toModelInput } from "./preprocess.ts"
export type { InputLimits, Pixels } from "./preprocess.ts"
export { augmentPixels, dHash, DEFAULT_AUGMENTATION, FORMATS, generateImage, hamming, LABELS, planAugmentation, planImage, renderImage } from "./shapes.ts"
export type { Augmentation, Format, GeneratedImage, Label } from "./shapes.ts"
export { FolderError, generateFromFolder, readLabeledFolder } from "./folder.ts"
export type { LabeledFolder } from "./folder.ts"

export default makeImageSubnet(configFromEnv())
