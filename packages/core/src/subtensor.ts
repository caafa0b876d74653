/**
 * `@subnetkit/core/subtensor`: the real subtensor runtime as the `Chain` service (`SubtensorChain`, through
 * `@polkadot/api`) and chopsticks' block controls. A subpath of its own, so that importing `@subnetkit/core` (a
 * subnet's definition, the mock chain, the runtime) never loads `@polkadot/api`.
 */
export * as ChopsticksControl from "./chain/ChopsticksControl.ts"
export type { RuntimeFeatures } from "./chain/subtensor/callShapes.ts"
export { DISPATCH_ERRORS } from "./chain/subtensor/dispatchErrors.ts"
export { SubtensorChain } from "./chain/SubtensorChain.ts"
export type { SubtensorChainOptions, SubtensorChainShape } from "./chain/SubtensorChain.ts"
