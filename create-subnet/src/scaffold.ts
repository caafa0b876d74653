/**
 * Writes a project from a template: its own files and its reference subnet's (reference.ts) copied, `_gitignore`
 * renamed, package.json pointed at its dependencies.
 */
import { spawnSync } from "node:child_process"
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { basename, delimiter, dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { PackageManager, Plan } from "./options.ts"
import { referenceFiles } from "./reference.ts"

export const templatesDir = fileURLToPath(new URL("../templates/", import.meta.url))
const ownVersion =
  (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version

/** The folder the tarballs of `--local` are copied into, inside the project (so it installs from a fresh clone). */
export const LOCAL_DIR = "local-packages"

interface Manifest {
  name: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  overrides?: Record<string, string>
  resolutions?: Record<string, string>
  pnpm?: Record<string, unknown>
  /** npm 11's install-script approvals. */
  allowScripts?: Record<string, boolean>
}

/**
 * The command that runs this package manager here: its name, or for a pnpm that is not installed (this scaffolder
 * run as `npx pnpm create-subnet`) the same `npx -y pnpm@<version>` that ran it.
 */
export function pmCommand(pm: PackageManager, env: NodeJS.ProcessEnv = process.env): ReadonlyArray<string> {
  if (pm !== "pnpm" || onPath("pnpm", env)) return [pm]
  const version = /^pnpm\/(\d+\.\d+\.\d+)/.exec(env["npm_config_user_agent"] ?? "")?.[1] ?? "latest"
  return ["npx", "-y", `pnpm@${version}`]
}

const onPath = (name: string, env: NodeJS.ProcessEnv): boolean =>
  (env["PATH"] ?? "").split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, name)))

/** How to run a script with this package manager, for the README and the closing message. */
export const runScript = (pm: PackageManager, env: NodeJS.ProcessEnv = process.env): string =>
  pm === "npm" ? "npm run" : pmCommand(pm, env).join(" ")

/**
 * The package.json of the project: its name, and every `@subnetkit/*` dependency at this scaffolder's version (the
 * packages are released together), or at a tarball (`--local`, overridden everywhere so core's own dependency on
 * mechanisms uses the tarball too).
 */
export function manifestFor(template: Manifest, plan: Plan, tarballs: Record<string, string> | undefined): Manifest {
  const spec = (
    name: string,
  ) => (tarballs?.[name] !== undefined ? `file:${LOCAL_DIR}/${basename(tarballs[name])}` : `^${ownVersion}`)
  const pointed = (deps: Record<string, string> | undefined) =>
    deps && Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, k.startsWith("@subnetkit/") ? spec(k) : v]))
  const out: Manifest = { ...template, name: plan.name }
  if (template.dependencies) out.dependencies = pointed(template.dependencies)!
  if (template.devDependencies) out.devDependencies = pointed(template.devDependencies)!
  const overrides = tarballs && Object.fromEntries(Object.keys(tarballs).map((k) => [k, spec(k)]))
  // Their install scripts are not needed: onnxruntime-node's CPU runtime is in its tarball, esbuild's binary in its
  // platform package. pnpm is told to ignore them, npm (11, which blocks install scripts by default) to deny them;
  // either way the install prints no list of skipped scripts.
  const unneededScripts = ["esbuild", "onnxruntime-node", "protobufjs", "sharp"]
  const pnpm: Record<string, unknown> = {
    ignoredBuiltDependencies: unneededScripts,
    ...(overrides ? { overrides } : {}),
  }
  if (plan.pm === "pnpm") out.pnpm = pnpm
  if (plan.pm === "npm") out.allowScripts = Object.fromEntries(unneededScripts.map((name) => [name, false]))
  if (overrides && plan.pm === "npm") out.overrides = overrides
  if (overrides && plan.pm === "yarn") out.resolutions = overrides
  return out
}

/** Creates the project's files (the target was checked: absent, empty, or --overwrite). */
export function writeProject(
  plan: Plan,
  tarballs: Record<string, string> | undefined,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const from = join(templatesDir, plan.template)
  if (existsSync(plan.dir)) {
    for (const entry of readdirSync(plan.dir)) {
      if (entry !== ".git") rmSync(join(plan.dir, entry), { recursive: true, force: true })
    }
  }
  mkdirSync(plan.dir, { recursive: true })
  cpSync(from, plan.dir, { recursive: true, filter: (src) => basename(src) !== "node_modules" })
  for (const [path, bytes] of referenceFiles(plan.template)) {
    mkdirSync(dirname(join(plan.dir, path)), { recursive: true })
    writeFileSync(join(plan.dir, path), bytes)
  }
  if (existsSync(join(plan.dir, "_gitignore"))) renameSync(join(plan.dir, "_gitignore"), join(plan.dir, ".gitignore"))
  if (tarballs) {
    mkdirSync(join(plan.dir, LOCAL_DIR), { recursive: true })
    for (const file of Object.values(tarballs)) copyFileSync(file, join(plan.dir, LOCAL_DIR, basename(file)))
  }
  const manifestPath = join(plan.dir, "package.json")
  const manifest = manifestFor(JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest, plan, tarballs)
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n")
  const readme = join(plan.dir, "README.md")
  writeFileSync(
    readme,
    readFileSync(readme, "utf8").replaceAll("{{name}}", plan.name).replaceAll("{{run}}", runScript(plan.pm, env)),
  )
}

/** Runs `command` in the project, its output on this process's; false when it could not run or failed. */
export function run(dir: string, command: string, args: ReadonlyArray<string>): boolean {
  const result = spawnSync(command, args, { cwd: dir, stdio: "inherit", shell: process.platform === "win32" })
  return result.status === 0
}
