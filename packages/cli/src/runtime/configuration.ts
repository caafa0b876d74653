/**
 * One configuration for every command: a command's options are resolved defaults < `--config <file.json>` (its
 * section named after the command) < environment (`SUBNET_<OPTION>`, e.g. SUBNET_CHAIN, SUBNET_NETUID) < flags; a
 * subnet's own settings the same way, from the file's `subnet` section, the subnet's environment prefix and `--set
 * field=value` flags (core's `resolveSubnetConfig`). A bad file or value names where it came from.
 *
 * ```json
 * { "validator": { "chain": "ws://127.0.0.1:9944", "wallet": "v1", "sample": "8" }, "subnet": { "maxNewTokens": 32 } }
 * ```
 */
import type { ConfigSources } from "@subnetkit/core"
import { readFileSync } from "node:fs"
import type { Fallback, Options } from "../cli/options.ts"
import { UsageError } from "../errors.ts"

type Json = Readonly<Record<string, unknown>>
type Env = Readonly<Record<string, string | undefined>>

const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x)

function readConfigFile(path: string): Json {
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (e) {
    throw new UsageError(
      `--config ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`--config ${path} is not JSON: ${(e as Error).message}`)
  }
  if (!isObject(json)) {
    throw new UsageError(
      `--config ${path}: expected an object with a section per command ("miner", "validator", …) and "subnet"`,
    )
  }
  for (const [section, value] of Object.entries(json)) {
    if (!isObject(value)) throw new UsageError(`--config ${path}: section "${section}" must be an object`)
  }
  return json
}

const envName = (option: string) => `SUBNET_${option.replaceAll("-", "_").toUpperCase()}`

/**
 * `--config`'s value in a command's arguments, read before they are parsed: the file gives the other flags' defaults.
 * (A missing value is left to the parser, which names it.)
 */
export function configPath(argv: ReadonlyArray<string>): string | undefined {
  for (let i = 0; i < argv.length && argv[i] !== "--"; i++) {
    if (argv[i] === "--config") return argv[i + 1]
    if (argv[i]!.startsWith("--config=")) return argv[i]!.slice("--config=".length)
  }
  return undefined
}

/**
 * Where each option's value comes from when its flag is not given: `SUBNET_<OPTION>`, then the `--config` file's
 * section for `command`. Throws a UsageError for a section naming an option the command does not have, or a value of
 * the wrong type.
 */
export function fallbacks(
  command: string,
  path: string | undefined,
  options: Options,
  env: Env = process.env,
): (name: string) => Fallback {
  const section = (path === undefined ? {} : readConfigFile(path)[command] ?? {}) as Json
  for (const [name, value] of Object.entries(section)) {
    const option = options[name]
    if (option === undefined || option.kind === "list" || name === "config") {
      throw new UsageError(
        `--config ${path}: ${command}.${name} is not an option of subnet ${command}. Run "subnet ${command} --help".`,
      )
    }
    const ok = option.kind === "boolean"
      ? typeof value === "boolean"
      : typeof value === "string" || typeof value === "number"
    if (!ok) {
      throw new UsageError(
        `--config ${path}: ${command}.${name} must be ${
          option.kind === "boolean" ? "true or false" : "a string or a number"
        }`,
      )
    }
  }
  return (name) => {
    const kind = options[name]?.kind
    if (kind === undefined || kind === "list" || name === "config") return undefined
    const fromEnv = env[envName(name)]
    if (fromEnv !== undefined && fromEnv !== "") {
      return kind === "boolean" ? ["1", "true", "yes"].includes(fromEnv.toLowerCase()) : fromEnv
    }
    const fromFile = section[name]
    return fromFile === undefined ? undefined : kind === "boolean" ? fromFile as boolean : String(fromFile)
  }
}

/** Where a subnet's settings come from: the file's "subnet" section, the environment, `--set field=value` flags. */
export function subnetSources(
  args: { readonly config: string | undefined; readonly set: ReadonlyArray<string> },
  env: Env = process.env,
): ConfigSources {
  const file = args.config === undefined ? undefined : readConfigFile(args.config)["subnet"] as Json | undefined
  const flags: Record<string, string> = {}
  for (const pair of args.set) {
    const eq = pair.indexOf("=")
    if (eq <= 0) throw new UsageError(`--set ${pair}: expected field=value`)
    flags[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return { ...(file ? { file } : {}), env, flags }
}
