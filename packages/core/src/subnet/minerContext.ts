/** A `MinerContext` for calling a subnet's miner directly (unit tests, benchmarks), with defaults for what is not given. */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { MinerContext } from "./contexts.ts"

/**
 * Defaults: kind "task", a caller "local" with no stake, a signal that never aborts, and a fresh temporary data
 * directory made on first read.
 */
export function minerContext(given: Partial<MinerContext> & { readonly hotkey: string }): MinerContext {
  let dataDir = given.dataDir
  return {
    kind: given.kind ?? "task",
    caller: given.caller ?? { hotkey: "local", stakeRao: 0n },
    signal: given.signal ?? new AbortController().signal,
    hotkey: given.hotkey,
    get dataDir() {
      return (dataDir ??= mkdtempSync(join(tmpdir(), "subnetkit-miner-")))
    },
  }
}
