/**
 * The validator's index (its subnet state, saved atomically with the validator's own): every file, its chunks, and
 * each chunk's replicas (holder hotkey, Merkle root of that holder's sealed bytes), plus a record per miner.
 * Replicas are written here before any miner is asked to store them (write-ahead), so a validator killed at any
 * point restarts knowing every replica a miner may hold.
 */
import { Schema } from "effect"

const Hex = Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f]*$/)))

export const Replica = Schema.Struct({
  hotkey: Schema.String,
  /** Merkle root of the sealed replica (hex). */
  root: Hex,
  /** "pending": recorded, not yet acknowledged by the miner; "stored": acknowledged with the expected root. */
  status: Schema.Literals(["pending", "stored"]),
  /** Challenges, retrievals or stores failed in a row. */
  failures: Schema.Int,
})
export type Replica = typeof Replica.Type

export const Chunk = Schema.Struct({
  index: Schema.Int,
  /** Plaintext bytes. */
  size: Schema.Int,
  /** sha256 of the plaintext (hex): what a retrieval is checked against after decryption. */
  sha256: Hex,
  replicas: Schema.Array(Replica),
})
export type Chunk = typeof Chunk.Type

export const StoredFile = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  size: Schema.Int,
  sha256: Hex,
  /** "user": put through the inbox; "probe": the validator's own random audit data (regenerated from the secret). */
  source: Schema.Literals(["user", "probe"]),
  /** The plaintext is still in the inbox (until every chunk has R stored replicas). */
  inInbox: Schema.Boolean,
  chunks: Schema.Array(Chunk),
})
export type StoredFile = typeof StoredFile.Type

export const MinerRecord = Schema.Struct({
  challenges: Schema.Int,
  passed: Schema.Int,
  retrievals: Schema.Int,
  retrieved: Schema.Int,
  latencyMs: Schema.Finite,
  /** Step of the first failed contact since the last success (null: reachable). */
  unreachableSince: Schema.NullOr(Schema.Int),
  /** Step of its last refused store (e.g. full); it gets no new replicas for a while. */
  refusedAt: Schema.NullOr(Schema.Int),
})
export type MinerRecord = typeof MinerRecord.Type

export const StorageState = Schema.Struct({
  /** The validator's sealing secret (hex, 32 bytes), made on its first round. Keep the state file private. */
  secret: Hex,
  /** Files created so far (names probe files). */
  created: Schema.Int,
  files: Schema.Array(StoredFile),
  miners: Schema.Record(Schema.String, MinerRecord),
  /** Replicas re-created after a holder failed or left. */
  repaired: Schema.Int,
})
export type StorageState = typeof StorageState.Type

export const initialState: StorageState = { secret: "", created: 0, files: [], miners: {}, repaired: 0 }

export const emptyRecord: MinerRecord = {
  challenges: 0,
  passed: 0,
  retrievals: 0,
  retrieved: 0,
  latencyMs: 0,
  unreachableSince: null,
  refusedAt: null,
}

/** Id of a replica on a miner: `<file id>-<chunk index>`. */
export const replicaId = (fileId: string, chunk: number): string => `${fileId}-${chunk}`

// --- pure edits of the index -------------------------------------------------------------------------------------

/** The state with each replica replaced by `f`'s answer (null drops it). */
export const mapReplicas = (
  state: StorageState,
  f: (file: StoredFile, chunk: Chunk, r: Replica) => Replica | null,
): StorageState => ({
  ...state,
  files: state.files.map((file) => ({
    ...file,
    chunks: file.chunks.map((chunk) => ({
      ...chunk,
      replicas: chunk.replicas.flatMap((r) => f(file, chunk, r) ?? []),
    })),
  })),
})

/** A miner's record, empty before its first contact. */
export const minerRecord = (state: StorageState, hotkey: string): MinerRecord => state.miners[hotkey] ?? emptyRecord

export const withRecord = (state: StorageState, hotkey: string, f: (r: MinerRecord) => MinerRecord): StorageState => ({
  ...state,
  miners: { ...state.miners, [hotkey]: f(minerRecord(state, hotkey)) },
})

/** Contact outcome: a success clears `unreachableSince`, a failure starts it (once). */
export const contacted = (ok: boolean, step: number) => (r: MinerRecord): MinerRecord =>
  ok ? { ...r, unreachableSince: null } : { ...r, unreachableSince: r.unreachableSince ?? step }
