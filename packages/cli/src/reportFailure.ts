/**
 * How a failed command ends: one line on stderr and an exit code. Usage and input errors exit 2; a neuron that
 * cannot start or a runtime failure exits 1. Errors are recognised by name, not by class, so an error thrown by a
 * second copy of a package (a user's subnet module loading its own) is still reported as what it is.
 */
import type { Io } from "./Io.ts"
import { ExitCode } from "./Io.ts"

const INPUT_ERRORS = new Set(["UsageError", "InvalidInput", "WalletError", "ScenarioError"])
const RUNTIME_ERRORS = new Set(["StartupError", "RuntimeFailure", "SubnetCodeError"])

const nameOf = (e: unknown): string | undefined => {
  if (typeof e !== "object" || e === null) return undefined
  const tagged = e as { _tag?: unknown; name?: unknown }
  return typeof tagged._tag === "string" ? tagged._tag : typeof tagged.name === "string" ? tagged.name : undefined
}

const oneLine = (text: string) => text.replaceAll(/\s*\n\s*/g, " ").trim()

export function reportFailure(command: string, e: unknown, io: Io): ExitCode {
  const name = nameOf(e)
  const message = e instanceof Error ? e.message : String(e)
  if (name !== undefined && INPUT_ERRORS.has(name)) {
    io.stderr(`subnet ${command}: ${oneLine(message)}\n`)
    return ExitCode.badInput
  }
  if (name !== undefined && RUNTIME_ERRORS.has(name)) {
    io.stderr(`subnet ${command}: ${oneLine(message)}\n`)
    return ExitCode.failure
  }
  // A bug: keep the stack, it is what a bug report needs.
  io.stderr(`subnet ${command}: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  return ExitCode.failure
}
