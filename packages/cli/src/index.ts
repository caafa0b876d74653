/** @subnetkit/cli — the `subnet` command, also callable in-process (`main(argv, io)`). */
export { UsageError } from "./errors.ts"
export type { Io } from "./Io.ts"
export { ExitCode, processIo } from "./Io.ts"
export { main } from "./main.ts"
