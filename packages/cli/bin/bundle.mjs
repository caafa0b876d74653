/**
 * The bundled `subnet` command: the CLI, @subnetkit/core and @subnetkit/mechanisms compiled by esbuild into
 * packages/cli/.bundle/, rebuilt when any of their sources is newer than the bundle. Running the CLI from this
 * bundle with plain node starts in a fraction of the time tsx needs to transform the workspace's sources per file.
 *
 * Packages from node_modules stay outside the bundle, imported by their resolved file URL, so a user's subnet module
 * that imports `effect` gets the very same module instance as the CLI.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs"
import { isBuiltin } from "node:module"
import { basename, dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const cli = join(dirname(fileURLToPath(import.meta.url)), "..")
const packages = join(cli, "..")
const root = join(packages, "..")
export const bundleDir = join(cli, ".bundle")
const entry = join(bundleDir, "subnet.mjs")
const SOURCES = ["cli/src", "core/src", "mechanisms/src"].map((d) => join(packages, d))
const INPUTS = [
  join(root, "pnpm-lock.yaml"),
  fileURLToPath(import.meta.url),
  ...["cli", "core", "mechanisms"].map((p) => join(packages, p, "package.json")),
]

function newestMtime() {
  let newest = 0
  const visit = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name)
      if (e.isDirectory()) visit(path)
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  SOURCES.forEach(visit)
  for (const f of INPUTS) newest = Math.max(newest, statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0)
  return newest
}

/** Bare imports resolve at build time to a file URL; @subnetkit/* workspace packages are bundled. */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@subnetkit/") || args.pluginData === "inner") return undefined
      if (isBuiltin(args.path)) return { path: args.path, external: true }
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "inner",
      })
      if (resolved.errors.length > 0) return { errors: resolved.errors }
      return { path: pathToFileURL(resolved.path).href, external: true }
    })
  },
}

/**
 * Returns the bundle's entry file, building it first when a source is newer. Concurrent callers may both build; each
 * file is written to a temporary name and renamed, the entry last, so a reader never sees a half-written bundle.
 */
export async function ensureBundle() {
  const newest = newestMtime()
  // The entry is stamped with the newest source's mtime, which utimes keeps to the millisecond only: allow 1 ms.
  if ((statSync(entry, { throwIfNoEntry: false })?.mtimeMs ?? -Infinity) + 1 >= newest) return entry
  const { build } = await import("esbuild")
  const result = await build({
    entryPoints: {
      subnet: join(cli, "src/bundled.ts"),
      core: join(packages, "core/src/index.ts"),
      "core-subtensor": join(packages, "core/src/subtensor.ts"),
      mechanisms: join(packages, "mechanisms/src/index.ts"),
      hooks: join(cli, "src/runtime/moduleHooks.ts"),
    },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    outdir: bundleDir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunk-[hash]",
    sourcemap: "linked",
    logLevel: "silent",
    plugins: [externalPackages],
  })
  mkdirSync(bundleDir, { recursive: true })
  const entries = new Set(
    ["subnet.mjs", "core.mjs", "core-subtensor.mjs", "mechanisms.mjs", "hooks.mjs"].map((f) => join(bundleDir, f)),
  )
  const files = [...result.outputFiles].sort((a, b) =>
    Number(a.path === entry) - Number(b.path === entry) || Number(entries.has(a.path)) - Number(entries.has(b.path))
  )
  for (const file of files) {
    const tmp = `${file.path}.${process.pid}.tmp`
    writeFileSync(tmp, file.contents)
    if (file.path === entry) utimesSync(tmp, new Date(), new Date(newest)) // stamped with the sources it was built from
    renameSync(tmp, file.path)
  }
  // Chunks of earlier builds are kept for an hour: a process started before this build may still import them.
  const current = new Set(files.map((f) => basename(f.path)))
  // Another process may be writing or pruning the same folder: a file that vanished meanwhile is not an error.
  for (const name of readdirSync(bundleDir)) {
    const path = join(bundleDir, name)
    const mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
    if (!current.has(name) && !name.endsWith(".tmp") && Date.now() - mtimeMs > 3_600_000) rmSync(path, { force: true })
  }
  return entry
}
