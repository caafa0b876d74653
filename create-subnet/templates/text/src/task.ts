/**
 * A task is a prompt and the generation settings the miner must use (`model`, `maxNewTokens`, `temperature`,
 * `repetitionPenalty`); a response is the text and its token ids. The schemas that check them at the boundary are
 * `Task` and `Response` in textSubnet.ts; prompts are cut from the public-domain corpus in corpus/ (prompts.ts).
 */
export { generatePrompt } from "./prompts.ts"
export type { TextResponse as Response, TextTask as Task } from "./scoring.ts"
