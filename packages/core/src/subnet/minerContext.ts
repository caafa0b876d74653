/** A `MinerContext` for calling a subnet's miner directly (unit tests, benchmarks), with defaults for what is not given. */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { MinerContext } from "./contexts.ts"

/**
 * Defaults: no settings (pass the subnet's `config.defaults` to a subnet that has them), kind "task", a caller "local" with no stake, a signal that never aborts, and a fresh temporary data
 * directory made on first read.
 */
export function minerContext<C = unknown>(
  given: Partial<MinerContext<C>> & { readonly hotkey: string },
): MinerContext<C> {
  let dataDir = given.dataDir
  return {
    config: given.config as C,
    kind: given.kind ?? "task",
    caller: given.caller ?? { hotkey: "local", stakeRao: 0n },
    signal: given.signal ?? new AbortController().signal,
    hotkey: given.hotkey,
    get dataDir() {
      return (dataDir ??= mkdtempSync(join(tmpdir(), "subnetkit-miner-")))
    },
  }
}
