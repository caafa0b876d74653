/**
 * The validator draws an image with a hidden label (`generate`: shapes.ts, augmented) and scores each answer right
 * or wrong; a miner's weight is the MCC and accuracy over its recent answers (scoring.ts), so guessing earns nothing.
 */
import subnet from "./subnet.ts"

export { mcc, scoreAnswers, weightParts } from "./scoring.ts"
export const validator = subnet.validator
