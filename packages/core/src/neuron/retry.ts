/**
 * Neurons outlive a chain that goes away: a call failing with `ChainUnavailable` is retried with exponential backoff
 * (1 s doubling to 30 s), and each wait is reported so a process can say it is waiting for the chain.
 */
import { Duration, Effect } from "effect"
import { ChainUnavailable } from "../chain/ChainError.ts"

/** Called before each wait: the error, the attempt (1, 2, …) and how long the wait is. */
export type OnChainUnavailable = (error: ChainUnavailable, attempt: number, waitMs: number) => Effect.Effect<void>

export const backoffMs = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5))

/** Runs `effect`, retrying while the chain is unavailable. */
export const whileChainUnavailable = <A, E, R>(
  effect: Effect.Effect<A, E | ChainUnavailable, R>,
  onWait: OnChainUnavailable = (e, attempt, waitMs) =>
    Effect.logWarning(`waiting for the chain (attempt ${attempt}, next try in ${waitMs} ms): ${e.message}`),
): Effect.Effect<A, Exclude<E, ChainUnavailable>, R> => {
  const go = (attempt: number): Effect.Effect<A, Exclude<E, ChainUnavailable>, R> =>
    Effect.catchIf(
      effect,
      (e): e is ChainUnavailable => e instanceof ChainUnavailable,
      (e) =>
        Effect.andThen(
          onWait(e, attempt, backoffMs(attempt)),
          Effect.andThen(Effect.sleep(Duration.millis(backoffMs(attempt))), Effect.suspend(() => go(attempt + 1))),
        ),
    ) as Effect.Effect<
      A,
      Exclude<E, ChainUnavailable>,
      R
    >
  return go(1)
}
