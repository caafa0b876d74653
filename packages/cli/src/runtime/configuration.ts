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
import { UsageError } from "../Io.ts"
import type { Options, Parsed } from "../parseArgs.ts"

type Json = Readonly<Record<string, unknown>>

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

/** The command's options with the file's and the environment's values filled in where no flag was given. */
export function resolveOptions(
  command: string,
  parsed: Parsed,
  options: Options,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Parsed {
  const path = parsed.values["config"]
  const file = typeof path === "string" ? readConfigFile(path) : {}
  const section = (file[command] ?? {}) as Json
  const values: Record<string, unknown> = { ...parsed.values }
  for (const [name, value] of Object.entries(section)) {
    const option = options[name]
    if (option === undefined || name === "config" || name === "set") {
      throw new UsageError(
        `--config ${
          String(path)
        }: ${command}.${name} is not an option of subnet ${command}. Run "subnet ${command} --help".`,
      )
    }
    const ok = option.type === "boolean"
      ? typeof value === "boolean"
      : typeof value === "string" || typeof value === "number"
    if (!ok) {
      throw new UsageError(
        `--config ${String(path)}: ${command}.${name} must be ${
          option.type === "boolean" ? "true or false" : "a string or a number"
        }`,
      )
    }
  }
  for (const [name, option] of Object.entries(options)) {
    if (values[name] !== undefined || name === "config" || name === "set" || option.multiple) continue
    const fromEnv = env[envName(name)]
    if (fromEnv !== undefined && fromEnv !== "") {
      values[name] = option.type === "boolean" ? ["1", "true", "yes"].includes(fromEnv.toLowerCase()) : fromEnv
    } else if (section[name] !== undefined) {
      values[name] = option.type === "boolean" ? section[name] : String(section[name])
    }
  }
  return { ...parsed, values: values as Parsed["values"] }
}

/** Where a subnet's settings come from: the file's "subnet" section, the environment, `--set field=value` flags. */
export function subnetSources(
  parsed: Parsed,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConfigSources {
  const path = parsed.values["config"]
  const file = typeof path === "string" ? readConfigFile(path)["subnet"] as Json | undefined : undefined
  const flags: Record<string, string> = {}
  for (const pair of (parsed.values["set"] as unknown as ReadonlyArray<string> | undefined) ?? []) {
    const eq = pair.indexOf("=")
    if (eq <= 0) throw new UsageError(`--set ${pair}: expected field=value`)
    flags[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return { ...(file ? { file } : {}), env, flags }
}
