/**
 * Three kinds of request, each with its own schemas: `store` a sealed replica, answer a seeded `challenge` over it
 * (Merkle leaves with their proof), `retrieve` it whole. The validator's state (state.ts) is the index of files,
 * chunks and who holds them.
 */
import { Schema } from "effect"
import { SEED_BYTES } from "./challenge.ts"
import { TAG_BYTES } from "./sealing.ts"

/** The largest plaintext chunk; a sealed replica adds the GCM tag. */
export const MAX_CHUNK_BYTES = 1 << 20
export const MAX_REPLICA_BYTES = MAX_CHUNK_BYTES + TAG_BYTES

const ReplicaId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]{1,96}$/)))
const Bytes32 = Schema.Uint8Array.pipe(
  Schema.check(Schema.isMinLength(SEED_BYTES)),
  Schema.check(Schema.isMaxLength(SEED_BYTES)),
)
/** A replica's bytes: a larger one is refused before the handler runs (and by the Axon's byte limit before that). */
const ReplicaBytes = Schema.Uint8Array.pipe(Schema.check(Schema.isMaxLength(MAX_REPLICA_BYTES)))

export const StoreTask = Schema.Struct({ id: ReplicaId, data: ReplicaBytes })
export const StoreResponse = Schema.Struct({ root: Schema.String })
export const ChallengeTask = Schema.Struct({
  id: ReplicaId,
  seed: Bytes32,
  leaves: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 64 }))),
})
export const ChallengeResponse = Schema.Struct({
  data: Schema.Uint8Array,
  proof: Schema.Uint8Array,
  digest: Schema.Uint8Array,
})
export const RetrieveTask = Schema.Struct({ id: ReplicaId })
export const RetrieveResponse = Schema.Struct({ data: ReplicaBytes })

/** The request kinds' schemas; the miner's handlers for them are in miner.ts. */
export const kindSchemas = {
  store: { task: StoreTask, response: StoreResponse },
  challenge: { task: ChallengeTask, response: ChallengeResponse },
  retrieve: { task: RetrieveTask, response: RetrieveResponse },
}
