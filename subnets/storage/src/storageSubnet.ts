/**
 * The storage subnet: miners keep per-miner sealed chunks on disk under a cap; the validator keeps the index in its
 * subnet state, audits with seeded Merkle challenges and retrievals, and repairs until every chunk has R copies.
 */
import { defineSubnet, recentResults } from "@subnetkit/core"
import type { StorageConfig } from "./config.ts"
import { configOfSettings, defaultConfig, settingsOfConfig, StorageSettings } from "./config.ts"
import { makeKinds, MAX_REPLICA_BYTES } from "./kinds.ts"
import { makeRound } from "./round.ts"
import { initialState, StorageState } from "./state.ts"

/** Room for a replica plus its frame header, per request and per answer. */
const BODY_BYTES = MAX_REPLICA_BYTES + 64 * 1024

/**
 * The storage subnet with `defaults` as its settings' defaults, resolved at start from a config file,
 * SUBNET_STORAGE_* and `--set` (the miner's kinds and the validator's round read `ctx.config`; called directly
 * without one, the defaults).
 */
export const makeStorageSubnet = (defaults: StorageConfig = defaultConfig) => {
  const defaultSettings = settingsOfConfig(defaults)
  // The framework hands every function the settings it resolved from `config` below; request kinds type it unknown.
  const configOf = (settings: unknown) => configOfSettings((settings as StorageSettings | undefined) ?? defaultSettings)
  return defineSubnet({
    name: "storage",
    version: "1.0.0",
    config: { schema: StorageSettings, defaults: defaultSettings, env: "SUBNET_STORAGE" },
    kinds: makeKinds((ctx) => configOf(ctx.config).capBytes),
    limits: { maxRequestBytes: BODY_BYTES, maxResponseBytes: BODY_BYTES, timeoutMs: 12_000 },
    // A reward is already a statistic of the miner's whole record (Wilson bound, rates, volume): the weight is the
    // latest one, not an average of them.
    scoreboard: recentResults({ size: 1 }),
    validator: {
      state: { schema: StorageState, initial: initialState },
      round: (ctx) => makeRound(configOf(ctx.config))(ctx),
    },
  })
}
