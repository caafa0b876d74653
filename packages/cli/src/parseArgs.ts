/** Flag parsing for every command (node's `parseArgs`), with its errors rewritten as one plain UsageError line. */
import type { ParseArgsConfig } from "node:util"
import { parseArgs } from "node:util"
import { UsageError } from "./Io.ts"

export type Options = NonNullable<ParseArgsConfig["options"]>

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>
  readonly positionals: Array<string>
}

/**
 * `--epochs -3` is a value that starts with a dash, which parseArgs refuses as "ambiguous"; joining it as
 * `--epochs=-3` lets the command itself say what is wrong with the value.
 */
function joinDashValues(argv: ReadonlyArray<string>, options: Options): Array<string> {
  const out: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = argv[i + 1]
    const name = arg.startsWith("--") ? arg.slice(2) : undefined
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
}

export function parse(command: string, argv: ReadonlyArray<string>, options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: joinDashValues(argv, options),
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    })
    return { values: values as Parsed["values"], positionals }
  } catch (e) {
    const error = e as Error & { code?: string }
    const option = /'([^']+)'/.exec(error.message)?.[1] ?? ""
    const fix = `Run "subnet ${command} --help" for its options.`
    if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${option}. ${fix}`)
    if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const flag = option.split(" ")[0] ?? option
      throw new UsageError(
        options[flag.replace(/^-+/, "")]?.type === "boolean"
          ? `${flag} takes no value. ${fix}`
          : `${flag} needs a value. ${fix}`,
      )
    }
    throw new UsageError(`${error.message.split("\n")[0]} ${fix}`)
  }
}

/** A flag's whole-number value within [min, max]; undefined when the flag is not given. */
export function integerFlag(
  flag: string,
  text: string | undefined,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (text.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    const expected = min === 0 && max === Number.MAX_SAFE_INTEGER ? "a whole number" : `an integer in [${min}, ${max}]`
    throw new UsageError(`--${flag}: expected ${expected}, got ${JSON.stringify(text)}`)
  }
  return n
}

/** A flag's positive, finite number (seconds and the like); undefined when the flag is not given. */
export function positiveFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new UsageError(`--${flag}: expected a positive number, got ${JSON.stringify(text)}`)
  }
  return n
}
