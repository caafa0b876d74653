/** The storage subnet's settings, from the environment (`SUBNET_STORAGE_*`) with defaults. */

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

const ENV: Record<Exclude<keyof StorageConfig, "dir">, string> = {
  replicas: "SUBNET_STORAGE_REPLICAS",
  chunkBytes: "SUBNET_STORAGE_CHUNK_BYTES",
  capBytes: "SUBNET_STORAGE_CAP_BYTES",
  probeFiles: "SUBNET_STORAGE_PROBE_FILES",
  probeMaxBytes: "SUBNET_STORAGE_PROBE_MAX_BYTES",
  offlineAfterSteps: "SUBNET_STORAGE_OFFLINE_STEPS",
  maxFailures: "SUBNET_STORAGE_MAX_FAILURES",
  storesPerRound: "SUBNET_STORAGE_STORES_PER_ROUND",
  ingestPerRound: "SUBNET_STORAGE_INGEST_PER_ROUND",
}

/** Reads `SUBNET_STORAGE_*`; a value that is not a non-negative integer is an error naming the variable. */
export function configFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): StorageConfig {
  const out: Record<string, unknown> = { ...defaultConfig, dir: env.SUBNET_STORAGE_DIR ?? null }
  for (const [key, name] of Object.entries(ENV)) {
    const raw = env[name]
    if (raw === undefined || raw === "") continue
    const value = Number(raw)
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name}: expected a non-negative integer, got "${raw}"`)
    out[key] = value
  }
  const config = out as unknown as StorageConfig
  if (config.replicas < 1) throw new Error(`SUBNET_STORAGE_REPLICAS: expected at least 1, got ${config.replicas}`)
  if (config.chunkBytes < 1 || config.chunkBytes > 1 << 20) throw new Error(`SUBNET_STORAGE_CHUNK_BYTES: expected 1 to ${1 << 20}, got ${config.chunkBytes}`)
  return config
}
