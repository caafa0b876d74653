/**
 * @subnetkit/subnet-storage — the default export is the storage subnet configured from the environment
 * (`SUBNET_STORAGE_*`, see config.ts), so `subnet miner --subnet subnets/storage/src/index.ts` serves it.
 */
import { configFromEnv } from "./config.ts"
import { makeStorageSubnet } from "./storageSubnet.ts"

export { answerChallenge, CHALLENGE_LEAVES, challengeLeaves, verifyChallenge } from "./challenge.ts"
export type { ChallengeAnswer, Verdict } from "./challenge.ts"
export { FileUnavailable, fetchFile, listFiles, readIndex } from "./client.ts"
export type { FileSummary } from "./client.ts"
export { configFromEnv, defaultConfig } from "./config.ts"
export type { StorageConfig } from "./config.ts"
export { enqueueFile, listInbox, probeBytes } from "./files.ts"
export { makeKinds, MAX_CHUNK_BYTES, MAX_REPLICA_BYTES } from "./kinds.ts"
export { buildTree, LEAF_BYTES, merkleRoot, prove, verifyProof } from "./merkle.ts"
export { ChunkMissing, StorageFull } from "./minerStore.ts"
export { chooseHolders } from "./placement.ts"
export { scoreMiner, wilsonLowerBound } from "./scoring.ts"
export { open, seal, TAG_BYTES } from "./sealing.ts"
export { initialState, replicaId, StorageState } from "./state.ts"
export { makeStorageSubnet } from "./storageSubnet.ts"

export default makeStorageSubnet(configFromEnv())
