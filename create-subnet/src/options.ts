/** What to create, from the command line: flags parsed and checked before anything is written. */
import { existsSync, readdirSync, statSync } from "node:fs"
import { basename, resolve } from "node:path"
import { parseArgs } from "node:util"

export const TEMPLATES = ["blank", "text", "image", "storage"] as const
export type Template = (typeof TEMPLATES)[number]
export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn"] as const
export type PackageManager = (typeof PACKAGE_MANAGERS)[number]

/** Bad input: printed as one line, exit code 1, nothing written. */
export class InputError extends Error {
  override readonly name = "InputError"
}

/** The flags as given; undefined when not given (then a prompt or the default decides). */
export interface Flags {
  readonly dir: string | undefined
  readonly template: string | undefined
  readonly name: string | undefined
  readonly pm: string | undefined
  readonly install: boolean | undefined
  readonly git: boolean | undefined
  readonly yes: boolean
  readonly overwrite: boolean
  readonly local: boolean
  /** Already packed tarballs to use with --local (tests pack once per run). */
  readonly tarballs: string | undefined
  readonly help: boolean
}

/** Everything decided: what the scaffolder does. */
export interface Plan {
  readonly dir: string
  readonly name: string
  readonly template: Template
  readonly pm: PackageManager
  readonly install: boolean
  readonly git: boolean
  readonly overwrite: boolean
  readonly local: boolean
  readonly tarballs: string | undefined
}

export const USAGE = `Usage: create-subnet [dir] [options]

  --template <t>     ${TEMPLATES.join(" | ")} (default: blank)
  --name <name>      the package name (default: the directory's name)
  --pm <pm>          ${PACKAGE_MANAGERS.join(" | ")} (default: the one running this command)
  --no-install       do not install dependencies
  --no-git           do not run git init
  --yes, -y          ask nothing: the flags and defaults decide (also when stdin is not a terminal or CI=true)
  --overwrite        empty a non-empty target directory first
  --local            (in a subnetkit checkout) depend on freshly packed tarballs of its packages
  --tarballs <dir>   like --local, with tarballs already packed into <dir>
`

export function parseFlags(argv: ReadonlyArray<string>): Flags {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        template: { type: "string", short: "t" },
        name: { type: "string" },
        pm: { type: "string" },
        install: { type: "boolean" },
        "no-install": { type: "boolean" },
        git: { type: "boolean" },
        "no-git": { type: "boolean" },
        yes: { type: "boolean", short: "y" },
        overwrite: { type: "boolean" },
        local: { type: "boolean" },
        tarballs: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    })
  } catch (e) {
    throw new InputError((e as Error).message.split("\n")[0]!)
  }
  const { values: v, positionals } = parsed
  if (positionals.length > 1) {
    throw new InputError(`one target directory, not ${positionals.length}: ${positionals.join(" ")}`)
  }
  const either = (yes: boolean | undefined, no: boolean | undefined) => (no === true ? false : yes)
  return {
    dir: positionals[0],
    template: v.template,
    name: v.name,
    pm: v.pm,
    install: either(v.install, v["no-install"]),
    git: either(v.git, v["no-git"]),
    yes: v.yes === true,
    overwrite: v.overwrite === true,
    local: v.local === true || v.tarballs !== undefined,
    tarballs: v.tarballs,
    help: v.help === true,
  }
}

const NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/

/** npm's rules for a new package name; the reason it is invalid, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return "the package name is empty"
  if (name.length > 214) return `the package name is ${name.length} characters long; npm allows 214`
  if (name !== name.toLowerCase()) return `the package name "${name}" has capital letters; npm names are lower case`
  if (/^[._]/.test(name)) return `the package name "${name}" starts with "${name[0]}"`
  if (name.trim() !== name) return `the package name "${name}" has leading or trailing spaces`
  if (["node_modules", "favicon.ico"].includes(name)) return `"${name}" is not allowed as a package name`
  if (!NAME.test(name)) {
    return `the package name "${name}" has characters npm does not allow (use a-z, 0-9, "-", "." and "_", optionally "@scope/")`
  }
  return undefined
}

/** A name from a directory: its last part, lower-cased, with disallowed characters as dashes. */
export const nameFromDir = (dir: string): string =>
  basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9-._~]+/g, "-").replace(/^[-._]+/, "") || "my-subnet"

export function templateProblem(t: string): string | undefined {
  return (TEMPLATES as ReadonlyArray<string>).includes(t)
    ? undefined
    : `unknown template "${t}" (templates: ${TEMPLATES.join(", ")})`
}

export function pmProblem(pm: string): string | undefined {
  return (PACKAGE_MANAGERS as ReadonlyArray<string>).includes(pm)
    ? undefined
    : `unknown package manager "${pm}" (one of ${PACKAGE_MANAGERS.join(", ")})`
}

/** Why `dir` cannot be the target, or undefined (it does not exist, or is an empty directory, or --overwrite). */
export function dirProblem(dir: string, overwrite: boolean): string | undefined {
  if (!existsSync(dir)) return undefined
  if (!statSync(dir).isDirectory()) return `${dir} exists and is not a directory`
  const entries = readdirSync(dir).filter((e) => e !== ".git")
  if (entries.length > 0 && !overwrite) {
    return `${dir} is not empty (${entries.length} entries); choose another directory or pass --overwrite`
  }
  return undefined
}

/** The package manager that runs this command (npm_config_user_agent is "pnpm/10.34.8 npm/? node/v20…"), or npm. */
export function runningPackageManager(env: NodeJS.ProcessEnv = process.env): PackageManager {
  const agent = env["npm_config_user_agent"]?.split("/")[0]
  return (PACKAGE_MANAGERS as ReadonlyArray<string>).includes(agent ?? "") ? (agent as PackageManager) : "npm"
}

/** The plan from flags and defaults alone (non-interactive), or the first problem with them. */
export function planFromFlags(flags: Flags): Plan {
  const dir = flags.dir ?? "my-subnet"
  const template = flags.template ?? "blank"
  const name = flags.name ?? nameFromDir(dir)
  const pm = flags.pm ?? runningPackageManager()
  const problem = templateProblem(template) ?? nameProblem(name) ?? pmProblem(pm) ?? dirProblem(dir, flags.overwrite)
  if (problem !== undefined) throw new InputError(problem)
  return {
    dir,
    name,
    template: template as Template,
    pm: pm as PackageManager,
    install: flags.install ?? true,
    git: flags.git ?? true,
    overwrite: flags.overwrite,
    local: flags.local,
    tarballs: flags.tarballs,
  }
}
