/**
 * The validator generates a prompt (`generate`) and scores each answer (`score`): it re-executes the declared model
 * to check the tokens, measures relevance with an embedder, and penalises empty, echoed, over-long and late answers
 * (scoring.ts, SCORE_WEIGHTS).
 */
import subnet from "./subnet.ts"

export { SCORE_WEIGHTS, scoreAnswer } from "./scoring.ts"
export const validator = subnet.validator
