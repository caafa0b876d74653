/**
 * @subnetkit/subnet-storage — the default export is the storage subnet (its settings from SUBNET_STORAGE_*, a config
 * file or `--set`, see settings.ts), so `subnet miner --subnet subnets/storage/src/index.ts` serves it.
 */
import { fetchFile, listFiles, readIndex } from "./client.ts"
import { enqueueFile } from "./files.ts"
import { makeStorageSubnet } from "./storageSubnet.ts"

export { answerChallenge, CHALLENGE_LEAVES, challengeLeaves, verifyChallenge } from "./challenge.ts"
export type { ChallengeAnswer, Verdict } from "./challenge.ts"
export { fetchFile, FileUnavailable, listFiles, readIndex } from "./client.ts"
export type { FileSummary } from "./client.ts"
export { enqueueFile, listInbox, probeBytes } from "./files.ts"
export { buildTree, LEAF_BYTES, merkleRoot, prove, verifyProof } from "./merkle.ts"
export { storageMiner } from "./miner.ts"
export type { StorageKinds } from "./miner.ts"
export { ChunkMissing, StorageFull } from "./minerStore.ts"
export { chooseHolders } from "./placement.ts"
export { scoreMiner, wilsonLowerBound } from "./scoring.ts"
export { open, seal, TAG_BYTES } from "./sealing.ts"
export { defaultSettings, StorageSettings } from "./settings.ts"
export { initialState, replicaId, StorageState } from "./state.ts"
export { makeStorageSubnet } from "./storageSubnet.ts"
export { kindSchemas, MAX_CHUNK_BYTES, MAX_REPLICA_BYTES } from "./task.ts"
export { storageValidator } from "./validator.ts"

/**
 * The subnet, with the functions `subnet storage put | get | ls` use as `client` (the CLI loads this module like
 * `--subnet`, so it needs no dependency on this package).
 */
export default Object.assign(makeStorageSubnet(), { client: { enqueueFile, readIndex, listFiles, fetchFile } })
