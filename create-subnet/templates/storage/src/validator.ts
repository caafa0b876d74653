/**
 * The validator runs a stateful round (round.ts): places new chunks on miners (placement.ts), repairs lost copies,
 * challenges and retrieves (audit.ts), and rewards each miner by the lower bound of its pass rate (scoring.ts).
 */
export { makeRound } from "./round.ts"
export { scoreMiner, wilsonLowerBound } from "./scoring.ts"
