/**
 * Three kinds of request, each with its own schemas (kinds.ts): `store` a sealed replica, answer a `challenge`
 * (seeded Merkle leaves with their proof), `retrieve` a replica. The validator's state (state.ts) is the index of
 * files, chunks and who holds them.
 */
export { ChallengeResponse, ChallengeTask, RetrieveResponse, RetrieveTask, StoreResponse, StoreTask } from "./kinds.ts"
export { StorageState } from "./state.ts"
