/** One-shot chain jobs of the CLI (query, metagraph, emission): a few retries while the chain is down, then one line. */
import { Effect } from "effect"
import type { Io } from "../Io.ts"
import { RuntimeFailure } from "../Io.ts"

const ATTEMPTS = 3

/**
 * Runs `job`, retrying while the chain is unavailable (after 1 s, then 2 s, each with one "waiting for the chain"
 * JSON log line on stderr); after the last attempt, a RuntimeFailure (exit 1) in one line saying what to do.
 */
export async function withChainRetries<A>(job: Effect.Effect<A, unknown>, url: string, io: Io): Promise<A> {
  for (let attempt = 1;; attempt++) {
    try {
      return await Effect.runPromise(job)
    } catch (e) {
      if ((e as { _tag?: string })._tag !== "ChainUnavailable") throw e
      const detail = (e as { detail?: string }).detail ?? String(e)
      if (attempt === ATTEMPTS) {
        throw new RuntimeFailure(
          `the chain at ${url} is unavailable after ${ATTEMPTS} attempts (${detail}): start one with "subnet localnet" or pass --chain <url>`,
        )
      }
      io.stderr(
        JSON.stringify({
          time: new Date().toISOString(),
          level: "warn",
          event: "chain.waiting",
          message: `waiting for the chain at ${url}: retry in ${attempt} s`,
          detail,
        }) + "\n",
      )
      await new Promise((r) => setTimeout(r, attempt * 1000))
    }
  }
}
