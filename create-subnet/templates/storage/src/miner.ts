/**
 * The miner keeps the replicas it is sent on disk under a byte cap (minerStore.ts) and answers each kind: store,
 * challenge (answerChallenge), retrieve. Its handlers: `makeKinds` in kinds.ts.
 */
export { answerChallenge } from "./challenge.ts"
export { makeKinds } from "./kinds.ts"
