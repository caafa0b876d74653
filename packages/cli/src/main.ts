/**
 * The `subnet` command: `main(argv, io)` runs one command line and resolves with its exit code (cli/runCommand.ts is
 * the one place it enters the Effect runtime; reportFailure.ts maps its failure to one stderr line and a code).
 *
 * `subnet --help` is answered before the parser is loaded, and each command's module is imported only when that
 * command runs: start-up time is most of a short command's run.
 */
import { help } from "./help.ts"
import type { Io } from "./Io.ts"
import { ExitCode } from "./Io.ts"

export async function main(argv: ReadonlyArray<string>, io: Io): Promise<ExitCode> {
  const [command, ...rest] = argv
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(help)
    return ExitCode.ok
  }
  // Bare `subnet` is a usage error: the help goes to stderr so a script that forgot the command fails visibly.
  if (command === undefined) {
    io.stderr(help)
    return ExitCode.badInput
  }
  return (await import("./cli/runCommand.ts")).run(command, rest, io)
}
