/** @subnetkit/cli — the `subnet` command, also callable in-process (`main(argv, io)`). */
export type { Io } from "./Io.ts"
export { ExitCode, processIo, UsageError } from "./Io.ts"
export { main } from "./main.ts"
