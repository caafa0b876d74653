/**
 * Where a command writes: injectable so tests run commands in-process. Logs and errors go to stderr only. (No effect
 * import here: `subnet --help` loads this module and nothing else.)
 */

export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** True when stderr is a terminal: progress bars are drawn only there. */
  readonly stderrIsTTY?: boolean
  /**
   * When a long-running command (localnet, miner, validator) stops: resolves to stop it cleanly. Default: the first
   * SIGINT or SIGTERM (handlers installed only when such a command waits for it).
   */
  readonly stop?: Promise<unknown>
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
}

/** Resolves when `io`'s long-running command should stop (see `Io.stop`). */
export const stopped = (io: Io): Promise<unknown> =>
  io.stop ?? new Promise((resolve) => {
    process.once("SIGINT", resolve)
    process.once("SIGTERM", resolve)
  })

/** Exit codes: 0 ok, 1 failure while running, 2 bad usage or bad input (nothing was computed). */
export const ExitCode = { ok: 0, failure: 1, badInput: 2 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
