/**
 * One command line as one Effect: the command table as an effect/cli command tree, the chosen command's fallbacks
 * (`SUBNET_<OPTION>`, `--config`) read first, then parsing and the command itself. `run` is the CLI's one entry into
 * the Effect runtime. (Subpath imports of effect here and in the other modules `subnet epoch` loads: the `effect`
 * barrel costs start-up time.)
 */
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { commands } from "../commands/table.ts"
import { help } from "../help.ts"
import type { Io } from "../Io.ts"
import { ExitCode } from "../Io.ts"
import { reportFailure } from "../reportFailure.ts"
import { configPath, fallbacks } from "../runtime/configuration.ts"
import { cliEnvironment } from "./environment.ts"
import type { Fallback, Options } from "./options.ts"
import { flagsOf } from "./options.ts"

/** The declared options of `command` (none for an unknown one). */
export const optionsOf = (command: string): Options =>
  Object.hasOwn(commands, command) ? commands[command as keyof typeof commands].options : {}

const helpOf = (path: ReadonlyArray<string>): Promise<string> => {
  const name = path[1]
  return name !== undefined && Object.hasOwn(commands, name)
    ? commands[name as keyof typeof commands].help(name)
    : Promise.resolve(help)
}

export const runCommand = (command: string, argv: ReadonlyArray<string>, io: Io) =>
  Effect.gen(function*() {
    const options = optionsOf(command)
    // Only the commands with --config read the environment and a config file for their other options.
    const fallback: (name: string) => Fallback = options["config"] === undefined
      ? () => undefined
      : yield* Effect.try({ try: () => fallbacks(command, configPath(argv), options), catch: (e) => e })
    const subcommands = Object.entries(commands).map(([name, spec]) =>
      Command.make(
        name,
        {
          ...flagsOf(spec.options as Options, name === command ? fallback : () => undefined),
          positionals: Argument.String("args").pipe(Argument.variadic()),
        },
        ({ positionals, ...args }) => (spec.run as Runner)(args, positionals, io, name),
      )
    )
    const root = Command.make("subnet").pipe(Command.withSubcommands(subcommands))
    yield* Command.runWith(root, { version: "0.0.0", renderErrors: false })([command, ...argv]).pipe(
      Effect.provide(cliEnvironment(io, helpOf)),
    )
  })

/** A command's `run` over its own declaration's values (the table keeps each one typed by its options). */
type Runner = (
  args: object,
  positionals: ReadonlyArray<string>,
  io: Io,
  command: string,
) => Effect.Effect<void, unknown>

/** Runs `subnet <command> <argv…>` and resolves with its exit code, after one stderr line if it failed. */
export async function run(command: string, argv: ReadonlyArray<string>, io: Io): Promise<ExitCode> {
  const exit = await Effect.runPromiseExit(runCommand(command, argv, io))
  return Exit.isSuccess(exit) ? ExitCode.ok : reportFailure(command, exit.cause, io, optionsOf(command))
}
