/**
 * `--local`: this checkout's packages packed into tarballs (they are not on the registry yet), for a generated project
 * to depend on. `pnpm pack` runs each package's prepack (its tsc build) and writes the publish-time package.json.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { InputError } from "./options.ts"

/** The packages a generated project depends on, directly or through another (all of them are overridden). */
export const LOCAL_PACKAGES = ["mechanisms", "core", "cli"] as const

const repoRoot = fileURLToPath(new URL("../../", import.meta.url))

/** `@subnetkit/core` → its tarball's file name as `pnpm pack` writes it. */
export const tarballName = (pkg: string, version: string): string =>
  `${pkg.replace(/^@/, "").replace("/", "-")}-${version}.tgz`

/** Packs the checkout's packages into `dest` (a new temporary folder by default); returns the folder. */
export function packLocal(dest = mkdtempSync(join(tmpdir(), "subnetkit-tarballs-"))): string {
  const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    name?: string
    packageManager?: string
  }
  if (root.name !== "subnetkit-monorepo") {
    throw new InputError(`--local works in a subnetkit checkout; ${repoRoot} is not one`)
  }
  mkdirSync(dest, { recursive: true })
  const pnpm = root.packageManager ?? "pnpm@10"
  // Run from a pnpm script, npm_config_* of pnpm's own settings would make npx warn about each.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_config_")),
  )
  for (const p of LOCAL_PACKAGES) {
    execFileSync("npx", ["-y", pnpm, "pack", "--pack-destination", dest], {
      cwd: join(repoRoot, "packages", p),
      env,
      stdio: ["ignore", "ignore", "inherit"],
    })
  }
  return dest
}

/** Each local package's tarball in `dir`, by package name; an InputError naming the one that is missing. */
export function localTarballs(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const files = existsSync(dir) ? readdirSync(dir) : []
  for (const p of LOCAL_PACKAGES) {
    const name = `@subnetkit/${p}`
    const prefix = tarballName(name, "").slice(0, -".tgz".length)
    const file = files.find((f) => f.startsWith(prefix) && /^\d/.test(f.slice(prefix.length)) && f.endsWith(".tgz"))
    if (file === undefined) throw new InputError(`no tarball of ${name} in ${dir}`)
    out[name] = join(dir, file)
  }
  return out
}
