/**
 * The miner: keeps the replicas it is sent on disk under its settings' byte cap (minerStore.ts), per caller so one
 * validator cannot overwrite another's, and answers each kind: `store`, `challenge` (answerChallenge), `retrieve`.
 */
import { kind } from "@subnetkit/core"
import { Effect } from "effect"
import { answerChallenge } from "./challenge.ts"
import { merkleRoot } from "./merkle.ts"
import { getChunk, putChunk } from "./minerStore.ts"
import type { StorageSettings } from "./settings.ts"
import { kindSchemas } from "./task.ts"

/** The miner's request kinds for these settings: its data directory holds at most `capBytes`. */
export const storageMiner = (settings: StorageSettings) => ({
  store: kind({
    ...kindSchemas.store,
    miner: (task, ctx) =>
      Effect.tryPromise({
        try: () => putChunk(ctx.dataDir, ctx.caller.hotkey, task.id, task.data, settings.capBytes),
        catch: (e) => e,
      }).pipe(
        Effect.as({ root: merkleRoot(task.data) }),
      ),
  }),
  challenge: kind({
    ...kindSchemas.challenge,
    miner: (task, ctx) =>
      Effect.tryPromise({ try: () => getChunk(ctx.dataDir, ctx.caller.hotkey, task.id), catch: (e) => e }).pipe(
        Effect.map((replica) => answerChallenge(replica, task.seed, task.leaves)),
      ),
  }),
  retrieve: kind({
    ...kindSchemas.retrieve,
    miner: (task, ctx) =>
      Effect.tryPromise({ try: () => getChunk(ctx.dataDir, ctx.caller.hotkey, task.id), catch: (e) => e }).pipe(
        Effect.map((data) => ({ data })),
      ),
  }),
})

/** The kinds as a validator's round queries them. */
export type StorageKinds = ReturnType<typeof storageMiner>
