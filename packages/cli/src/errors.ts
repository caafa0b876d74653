/** The CLI's own errors (reportFailure.ts maps them to exit codes), and how a Promise step's rejection becomes one. */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"

/** A usage or input problem, reported as one line on stderr with exit code 2. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {
  constructor(message: string) {
    super({ message })
  }
}

/** A neuron that cannot start (e.g. its model does not load): one line on stderr, exit code 1. */
export class StartupError extends Data.TaggedError("StartupError")<{ readonly message: string }> {
  constructor(message: string) {
    super({ message })
  }
}

/** A command that failed while running (e.g. the chain stayed down after retries): one line on stderr, exit code 1. */
export class RuntimeFailure extends Data.TaggedError("RuntimeFailure")<{ readonly message: string }> {
  constructor(message: string) {
    super({ message })
  }
}

/**
 * A Promise-returning step of a command (core's wallet and localnet APIs, importing a user's module): what it rejects
 * with (a UsageError, a core error) is the command's failure, told apart by reportFailure.ts.
 */
export const promised = <A>(f: () => Promise<A>): Effect.Effect<A, unknown> =>
  Effect.tryPromise({ try: f, catch: (e) => e })
