/**
 * The storage subnet's settings, in one flat schema so each has one environment variable (SUBNET_STORAGE_REPLICAS,
 * …), one config-file field and one `--set` name. Core resolves them when a neuron or simulation starts (defaults <
 * config file < environment < `--set`); nothing here reads the environment.
 */
import { Schema } from "effect"
import { MAX_CHUNK_BYTES } from "./task.ts"

const Count = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
const AtLeastOne = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))

/**
 * The settings. Their environment names are the ones this subnet has always read: SUBNET_STORAGE_REPLICAS,
 * _CHUNK_BYTES, _CAP_BYTES, _DIR, _PROBE_FILES, _PROBE_MAX_BYTES, _OFFLINE_STEPS, _MAX_FAILURES, _STORES_PER_ROUND,
 * _INGEST_PER_ROUND.
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

/** The defaults: 3 replicas of 1 MiB chunks, a 10 GiB cap per miner, no spool directory (no user uploads). */
export const defaultSettings: StorageSettings = {
  replicas: 3,
  chunkBytes: 1 << 20,
  capBytes: 10 * 2 ** 30,
  dir: "",
  probeFiles: 4,
  probeMaxBytes: 64 * 1024,
  offlineSteps: 20,
  maxFailures: 3,
  storesPerRound: 48,
  ingestPerRound: 8,
}
