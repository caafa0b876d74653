/**
 * The validator: keeps the index of files, chunks and holders in its state (state.ts) and runs a round each step
 * (round.ts): places new chunks (placement.ts), repairs lost copies, challenges and retrieves (audit.ts), and rewards
 * each miner by the lower bound of its pass rate (scoring.ts).
 */
import { makeRound } from "./round.ts"
import type { StorageSettings } from "./settings.ts"
import { initialState, StorageState } from "./state.ts"

/** The validator's state and round for these settings. */
export const storageValidator = (settings: StorageSettings) => ({
  state: { schema: StorageState, initial: initialState },
  round: makeRound(settings),
})
