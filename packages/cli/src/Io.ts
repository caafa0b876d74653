/** Where a command writes: injectable so tests run commands in-process. Logs and errors go to stderr only. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** True when stderr is a terminal: progress bars are drawn only there. */
  readonly stderrIsTTY?: boolean
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
}

/** Exit codes: 0 ok, 1 failure while running, 2 bad usage or bad input (nothing was computed). */
export const ExitCode = { ok: 0, failure: 1, badInput: 2 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** A usage or input problem, reported as one line on stderr with exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError"
}

/** A neuron that cannot start (e.g. its model does not load): one line on stderr, exit code 1. */
export class StartupError extends Error {
  override readonly name = "StartupError"
}

/** A command that failed while running (e.g. the chain stayed down after retries): one line on stderr, exit code 1. */
export class RuntimeFailure extends Error {
  override readonly name = "RuntimeFailure"
}
