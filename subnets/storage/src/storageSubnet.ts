/**
 * The storage subnet: miners keep per-miner sealed chunks on disk under a cap (miner.ts); the validator keeps the
 * index in its subnet state, audits with seeded Merkle challenges and retrievals, and repairs until every chunk has R
 * copies (validator.ts). Both are built from the subnet's settings (settings.ts).
 */
import { defineSubnet, recentResults } from "@subnetkit/core"
import { storageMiner } from "./miner.ts"
import type { StorageSettings } from "./settings.ts"
import { defaultSettings, StorageSettings as StorageSettingsSchema } from "./settings.ts"
import { MAX_REPLICA_BYTES } from "./task.ts"
import { storageValidator } from "./validator.ts"

/** Room for a replica plus its frame header, per request and per answer. */
const BODY_BYTES = MAX_REPLICA_BYTES + 64 * 1024

/**
 * The storage subnet with `defaults` over `defaultSettings` as its settings' defaults; a neuron or simulation
 * resolves the settings at start from a config file, SUBNET_STORAGE_* and `--set`.
 */
export const makeStorageSubnet = (defaults: Partial<StorageSettings> = {}) =>
  defineSubnet({
    name: "storage",
    version: "1.0.0",
    config: { schema: StorageSettingsSchema, defaults: { ...defaultSettings, ...defaults }, env: "SUBNET_STORAGE" },
    limits: { maxRequestBytes: BODY_BYTES, maxResponseBytes: BODY_BYTES, timeoutMs: 12_000 },
    // A reward is already a statistic of the miner's whole record (Wilson bound, rates, volume): the weight is the
    // latest one, not an average of them.
    scoreboard: recentResults({ size: 1 }),
    handlers: (settings) => ({ kinds: storageMiner(settings), validator: storageValidator(settings) }),
  })
