/**
 * The miner checks and decodes the image (preprocess.ts: size and format limits) and classifies it with the model
 * (ImageModels.ts, batched). Its code: `answer` in imageSubnet.ts.
 */
import subnet from "./subnet.ts"

export { loadClassifier } from "./ImageModels.ts"
export const miner = subnet.miner
