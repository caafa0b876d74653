/**
 * The services effect/cli's `Command.runWith` needs, built from effect's own modules instead of
 * `@effect/platform-node` (which requires Node 22): the CLI parses `argv` it is given, reads no files through the
 * parser (no `Flag.File`), spawns nothing and never prompts, so those services are inert. Only `--help` is built in
 * (no `--version`, `--completions`, `--log-level` or `--wizard`), and help is the command's own text on stdout.
 */
import * as CliConfig from "effect/cli/CliConfig"
import * as CliOutput from "effect/cli/CliOutput"
import * as GlobalFlag from "effect/cli/GlobalFlag"
import * as Effect from "effect/Effect"
import * as FileSystem from "effect/FileSystem"
import * as Layer from "effect/Layer"
import * as Path from "effect/Path"
import * as ChildProcessSpawner from "effect/process/ChildProcessSpawner"
import * as Stdio from "effect/Stdio"
import * as Terminal from "effect/Terminal"
import type { Io } from "../Io.ts"

const unused = Effect.die("the subnet CLI does not read the terminal")

export const cliEnvironment = (io: Io, helpOf: (commandPath: ReadonlyArray<string>) => Promise<string>) =>
  Layer.mergeAll(
    FileSystem.layerNoop({}),
    Path.layer,
    Stdio.layerTest({}),
    Layer.succeed(
      Terminal.Terminal,
      Terminal.make({
        columns: Effect.succeed(120),
        rows: Effect.succeed(24),
        size: unused,
        readInput: unused,
        readLine: unused,
        display: (text) => Effect.sync(() => io.stdout(text)),
      }),
    ),
    Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => unused)),
    CliConfig.layer({ builtIns: [GlobalFlag.Help] }),
    // Help asked for goes to stdout; the help effect/cli shows beside a parse error is left out (failure.ts prints one
    // line naming the problem instead).
    CliOutput.layerPresenter({
      present: (event) =>
        event._tag === "Help" && event.reason === "Requested"
          ? Effect.promise(() => helpOf(event.commandPath)).pipe(Effect.map((text) => io.stdout(text)))
          : Effect.void,
    }),
  )
