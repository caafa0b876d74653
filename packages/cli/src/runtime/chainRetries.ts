/** One-shot chain jobs of the CLI (query, metagraph, emission): a few retries while the chain is down, then one line. */
import { Effect } from "effect"
import { RuntimeFailure } from "../errors.ts"
import type { Io } from "../Io.ts"

const ATTEMPTS = 3

const isUnavailable = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "ChainUnavailable"

/**
 * `job`, retried while the chain is unavailable (after 1 s, then 2 s, each with one "waiting for the chain" JSON log
 * line on stderr); after the last attempt, a RuntimeFailure (exit 1) in one line saying what to do.
 */
export const withChainRetries = <A, E, R>(
  job: Effect.Effect<A, E, R>,
  url: string,
  io: Io,
): Effect.Effect<A, E | RuntimeFailure, R> => {
  const attempt = (n: number): Effect.Effect<A, E | RuntimeFailure, R> =>
    Effect.catchIf(job, isUnavailable, (e) => {
      const detail = (e as { detail?: string }).detail ?? String(e)
      if (n === ATTEMPTS) {
        return Effect.fail(
          new RuntimeFailure(
            `the chain at ${url} is unavailable after ${ATTEMPTS} attempts (${detail}): start one with "subnet localnet" or pass --chain <url>`,
          ),
        )
      }
      io.stderr(
        JSON.stringify({
          time: new Date().toISOString(),
          level: "warn",
          event: "chain.waiting",
          message: `waiting for the chain at ${url}: retry in ${n} s`,
          detail,
        }) + "\n",
      )
      return Effect.sleep(`${n} seconds`).pipe(Effect.andThen(attempt(n + 1)))
    })
  return attempt(1)
}
