/**
 * The request kinds a storage miner serves: `store` a sealed replica, answer a seeded `challenge` over it, and
 * `retrieve` it whole. Replicas are kept per caller, so one validator cannot overwrite another's.
 */
import type { MinerContext } from "@subnetkit/core"
import { kind } from "@subnetkit/core"
import { Effect, Schema } from "effect"
import { answerChallenge, SEED_BYTES } from "./challenge.ts"
import { merkleRoot } from "./merkle.ts"
import { getChunk, putChunk } from "./minerStore.ts"
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

/** The kinds, for a miner whose data directory may hold at most `capBytesOf(ctx)` (its settings' cap). */
export const makeKinds = (capBytesOf: (ctx: MinerContext) => number) => ({
  store: kind({
    task: StoreTask,
    response: StoreResponse,
    miner: (task, ctx) =>
      Effect.tryPromise({
        try: () => putChunk(ctx.dataDir, ctx.caller.hotkey, task.id, task.data, capBytesOf(ctx)),
        catch: (e) => e,
      }).pipe(
        Effect.as({ root: merkleRoot(task.data) }),
      ),
  }),
  challenge: kind({
    task: ChallengeTask,
    response: ChallengeResponse,
    miner: (task, ctx) =>
      Effect.tryPromise({ try: () => getChunk(ctx.dataDir, ctx.caller.hotkey, task.id), catch: (e) => e }).pipe(
        Effect.map((replica) => answerChallenge(replica, task.seed, task.leaves)),
      ),
  }),
  retrieve: kind({
    task: RetrieveTask,
    response: RetrieveResponse,
    miner: (task, ctx) =>
      Effect.tryPromise({ try: () => getChunk(ctx.dataDir, ctx.caller.hotkey, task.id), catch: (e) => e }).pipe(
        Effect.map((data) => ({ data })),
      ),
  }),
})

export type StorageKinds = ReturnType<typeof makeKinds>
