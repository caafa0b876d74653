/**
 * The storage subnet's configuration: `StorageConfig` for code (`makeStorageSubnet(config)`), and `StorageSettings`,
 * the same flat so each setting has one environment variable (SUBNET_STORAGE_REPLICAS, …), one config-file field and
 * one `--set` name. Core resolves them when a neuron or simulation starts (defaults < config file < environment <
 * `--set`); nothing here reads the environment.
 */
import { Schema } from "effect"
import { MAX_CHUNK_BYTES } from "./kinds.ts"

export interface StorageConfig {
  /** Copies of every chunk (R). */
  readonly replicas: number
  /** Plaintext bytes per chunk. */
  readonly chunkBytes: number
  /** A miner refuses a write that would take its data directory over this many bytes. */
  readonly capBytes: number
  /** The validator's spool directory (`inbox/` for `subnet storage put`); null: no user uploads. */
  readonly dir: string | null
  /** Random probe files the validator keeps stored on its own (audit data), and their largest size in bytes. */
  readonly probeFiles: number
  readonly probeMaxBytes: number
  /** A holder unreachable for this many steps (one step per block) is treated as gone and its chunks repaired. */
  readonly offlineAfterSteps: number
  /** A replica failing this many challenges or retrievals in a row is dropped and repaired. */
  readonly maxFailures: number
  /** Replica stores sent per round (each up to a chunk). */
  readonly storesPerRound: number
  /** User files ingested per round. */
  readonly ingestPerRound: number
}

export const defaultConfig: StorageConfig = {
  replicas: 3,
  chunkBytes: 1 << 20,
  capBytes: 10 * 2 ** 30,
  dir: null,
  probeFiles: 4,
  probeMaxBytes: 64 * 1024,
  offlineAfterSteps: 20,
  maxFailures: 3,
  storesPerRound: 48,
  ingestPerRound: 8,
}

const Count = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const AtLeastOne = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))

/**
 * The settings. Their environment names are the ones this subnet has always read: SUBNET_STORAGE_REPLICAS,
 * _CHUNK_BYTES, _CAP_BYTES, _DIR, _PROBE_FILES, _PROBE_MAX_BYTES, _OFFLINE_STEPS, _MAX_FAILURES, _STORES_PER_ROUND,
 * _INGEST_PER_ROUND (hence `offlineSteps` for `StorageConfig.offlineAfterSteps`).
 */
export const StorageSettings = Schema.Struct({
  replicas: AtLeastOne,
  chunkBytes: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: MAX_CHUNK_BYTES }))),
  capBytes: Count,
  /** "" for none. */
  dir: Schema.String,
  probeFiles: Count,
  probeMaxBytes: AtLeastOne,
  offlineSteps: Count,
  maxFailures: AtLeastOne,
  storesPerRound: Count,
  ingestPerRound: Count,
})
export type StorageSettings = typeof StorageSettings.Type

export const settingsOfConfig = (c: StorageConfig): StorageSettings => ({
  replicas: c.replicas,
  chunkBytes: c.chunkBytes,
  capBytes: c.capBytes,
  dir: c.dir ?? "",
  probeFiles: c.probeFiles,
  probeMaxBytes: c.probeMaxBytes,
  offlineSteps: c.offlineAfterSteps,
  maxFailures: c.maxFailures,
  storesPerRound: c.storesPerRound,
  ingestPerRound: c.ingestPerRound,
})

export const configOfSettings = (s: StorageSettings): StorageConfig => ({
  replicas: s.replicas,
  chunkBytes: s.chunkBytes,
  capBytes: s.capBytes,
  dir: s.dir === "" ? null : s.dir,
  probeFiles: s.probeFiles,
  probeMaxBytes: s.probeMaxBytes,
  offlineAfterSteps: s.offlineSteps,
  maxFailures: s.maxFailures,
  storesPerRound: s.storesPerRound,
  ingestPerRound: s.ingestPerRound,
})
