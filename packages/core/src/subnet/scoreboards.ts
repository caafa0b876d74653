/**
 * A validator's memory of each miner, turned into the weight it sets. The default is an EMA over the miners actually
 * queried (unsampled miners do not decay, unlike the Python template: anchors §2.2); a subnet may keep a window of
 * recent results instead (e.g. MCC over a miner's last 100 answers). Entries are kept by hotkey and saved with the
 * validator's state, so they are schemas too.
 */
import { Schema } from "effect"
import type { AnswerStatus, Parts } from "./contexts.ts"

/** One scored result as a scoreboard records it. */
export interface ScoredResult {
  /** In [0, 1]; a non-finite or out-of-range reward is clamped before it gets here. */
  readonly reward: number
  readonly status: AnswerStatus
  readonly parts?: Parts
}

export interface Scoreboard<Entry> {
  /**
   * What an entry must be when the validator's state file is read back. Entries are saved as they are, so they are
   * plain JSON values (numbers, strings, arrays, objects): no transformation, and no encoding cost every step.
   */
  readonly entry: Schema.Codec<Entry, unknown>
  /** The entry after one more result (`undefined`: the miner's first). */
  readonly update: (entry: Entry | undefined, result: ScoredResult) => Entry
  /** The weight an entry asks for, in [0, 1]. */
  readonly weight: (entry: Entry) => number
}

/** An exponential moving average of rewards: `alpha · reward + (1 − alpha) · previous` (the SDK's default, 0.1). */
export function ema(options: { readonly alpha?: number } = {}): Scoreboard<number> {
  const alpha = options.alpha ?? 0.1
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`ema: alpha must be in (0, 1], got ${alpha}`)
  return {
    entry: Schema.Finite,
    update: (entry, { reward }) => alpha * reward + (1 - alpha) * (entry ?? 0),
    weight: (entry) => entry,
  }
}

const Result = Schema.Struct({
  reward: Schema.Finite,
  status: Schema.Literals(["ok", "timeout", "refused", "invalid", "error"]),
  parts: Schema.optional(
    Schema.Record(Schema.String, Schema.Union([Schema.Finite, Schema.String, Schema.Boolean, Schema.Null])),
  ),
})

/**
 * The last `size` results of each miner, weighted by `weigh` (default: their mean reward). Use it when a score is a
 * statistic of recent answers rather than an average of rewards.
 */
export function recentResults(options: {
  readonly size: number
  readonly weigh?: (results: ReadonlyArray<ScoredResult>) => number
}): Scoreboard<ReadonlyArray<ScoredResult>> {
  const { size } = options
  if (!(Number.isInteger(size) && size >= 1)) {
    throw new RangeError(`recentResults: size must be an integer ≥ 1, got ${size}`)
  }
  const weigh = options.weigh ?? ((results) => results.reduce((a, r) => a + r.reward, 0) / Math.max(1, results.length))
  return {
    entry: Schema.Array(Result) as unknown as Schema.Codec<ReadonlyArray<ScoredResult>, unknown>,
    // Only the result's own fields are kept: the entry is saved in the validator's state.
    update: (entry, { reward, status, parts }) =>
      [...(entry ?? []).slice(-(size - 1)), parts === undefined ? { reward, status } : { reward, status, parts }].slice(
        -size,
      ),
    weight: (entry) => weigh(entry),
  }
}

/** A reward as a scoreboard may store it: finite and in [0, 1]. */
export const clampReward = (r: number): number => (Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0)
