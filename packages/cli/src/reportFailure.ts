/**
 * How a failed command ends, in one place: one line on stderr and an exit code. Usage and input errors (a bad flag,
 * file or value) exit 2; a neuron that cannot start or a runtime failure exits 1; anything else is a bug, reported
 * with its stack (exit 1). Errors are told apart by their tag (`_tag`, or `name` for the plain Error classes of core
 * and mechanisms): this module must not import core, which `subnet epoch` never loads.
 */
import * as Cause from "effect/Cause"
import type * as CliError from "effect/cli/CliError"
import type { Options } from "./cli/options.ts"
import type { Io } from "./Io.ts"
import { ExitCode } from "./Io.ts"

const EXIT_CODES: Readonly<Record<string, ExitCode>> = {
  UsageError: ExitCode.badInput,
  InvalidInput: ExitCode.badInput, // mechanisms: a fixture or input that breaks a rule
  WalletError: ExitCode.badInput,
  ScenarioError: ExitCode.badInput,
  StartupError: ExitCode.failure,
  RuntimeFailure: ExitCode.failure,
  SubnetCodeError: ExitCode.failure, // a user's subnet function threw (runtime/subnetCode.ts)
}

const tagOf = (e: unknown): string | undefined => {
  if (typeof e !== "object" || e === null) return undefined
  const tagged = e as { _tag?: unknown; name?: unknown }
  return typeof tagged._tag === "string" ? tagged._tag : typeof tagged.name === "string" ? tagged.name : undefined
}

const oneLine = (text: string) => text.replaceAll(/\s*\n\s*/g, " ").trim()

const didYouMean = (suggestions: ReadonlyArray<string>, quote = "") =>
  suggestions.length === 0 ? "" : ` (did you mean ${suggestions.map((s) => `${quote}${s}${quote}`).join(" or ")}?)`

/** A parse error of effect/cli as the line the CLI prints. */
function parseErrorLine(command: string, error: CliError.CliError, options: Options): string {
  const fix = `Run "subnet ${command} --help" for its options.`
  switch (error._tag) {
    case "UnknownSubcommand":
      return `unknown command "${error.subcommand}"${
        didYouMean(error.suggestions, "\"")
      }. Run "subnet --help" for the list.`
    case "UnrecognizedOption":
      return error.command?.length === 1 // an option before any command: `subnet --frob`
        ? `unknown command "${error.option}". Run "subnet --help" for the list.`
        : `unknown option ${error.option}${didYouMean(error.suggestions)}. ${fix}`
    case "InvalidValue":
      if (options[error.option]?.kind === "boolean") return `--${error.option} takes no value. ${fix}`
      if (error.value === "") return `--${error.option} needs a value. ${fix}`
      return `--${error.option}: expected ${error.expected}, got ${JSON.stringify(error.value)}`
    default:
      return `${oneLine(error.message)}. ${fix}`
  }
}

/** The exit code of a command that ended with `cause`, after its one line on stderr. */
export function reportFailure(command: string, cause: Cause.Cause<unknown>, io: Io, options: Options = {}): ExitCode {
  const e = Cause.squash(cause)
  const say = (line: string, code: ExitCode) => {
    io.stderr(`subnet ${command}: ${line}\n`)
    return code
  }
  if (tagOf(e) === "ShowHelp") {
    const first = (e as CliError.ShowHelp).errors[0]
    return first === undefined
      ? say(`Run "subnet ${command} --help" for its options.`, ExitCode.badInput)
      : say(parseErrorLine(command, first, options), ExitCode.badInput)
  }
  const code = EXIT_CODES[tagOf(e) ?? ""]
  if (code !== undefined) return say(oneLine(e instanceof Error ? e.message : String(e)), code)
  if (Cause.hasInterruptsOnly(cause)) return say("interrupted", ExitCode.failure)
  // A bug: keep the stack, it is what a bug report needs.
  return say(`unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`, ExitCode.failure)
}
