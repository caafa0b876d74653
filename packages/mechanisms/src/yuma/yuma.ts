import { validateEpochInput } from "../input/validateEpochInput.ts"
import type { Mechanism } from "../Mechanism.ts"
import { yumaEpoch } from "./epoch.ts"
import { validateYumaConfig } from "./validateYumaConfig.ts"
import type { YumaConfig } from "./YumaConfig.ts"
import { defaultYumaConfig } from "./YumaConfig.ts"

/**
 * Yuma Consensus exactly as the subtensor runtime runs it. Defaults are a new subnet's (Yuma 3, liquid alpha off).
 *
 * @example
 * ```ts
 * import { yuma } from "@subnetkit/mechanisms"
 * const out = yuma({ liquidAlpha: true }).epoch(input)   // out.incentive, out.dividends, out.bonds …
 * ```
 * @throws {InvalidInput} when the config or an epoch input is malformed (the error names the field path).
 */
export function yuma(config: Partial<YumaConfig> = {}): Mechanism & { readonly config: YumaConfig } {
  const full = validateYumaConfig({ ...defaultYumaConfig, ...config })
  return {
    name: full.yuma3 ? "yuma3" : "yuma2",
    description: full.yuma3
      ? "Yuma 3: κ-clipped stake-weighted consensus; per-pair bonds reward validators who find good miners early"
      : "Yuma 2: κ-clipped stake-weighted consensus; stake-scaled EMA bonds",
    config: full,
    epoch: (input) => yumaEpoch(full, validateEpochInput(input)),
  }
}

/** Legacy Yuma 2 bonds (`Yuma3On = false`). */
export const yuma2 = (config: Partial<Omit<YumaConfig, "yuma3">> = {}) => yuma({ ...config, yuma3: false })
/** Yuma 3 bonds (the runtime default). */
export const yuma3 = (config: Partial<Omit<YumaConfig, "yuma3">> = {}) => yuma({ ...config, yuma3: true })
