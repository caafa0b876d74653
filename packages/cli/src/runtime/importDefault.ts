/** The default export of a user module given by path (a subnet, a profile, a mechanism), or a one-line UsageError. */
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { UsageError } from "../Io.ts"

/**
 * How a user module is imported. From sources (vitest, tsx) a plain `import()` already reads TypeScript; the
 * bundled CLI (`bin/subnet.mjs`) replaces this with a loader that adds TypeScript support only when a `.ts` module
 * is asked for, and points the module's `@subnetkit/*` imports at the bundle's own copies.
 */
let load: (url: string) => Promise<{ default?: unknown }> = (url) => import(url)

export function setModuleLoader(loader: (url: string) => Promise<{ default?: unknown }>): void {
  load = loader
}

export async function importDefault(spec: string, what: string, baseDir = process.cwd()): Promise<unknown> {
  let module: { default?: unknown }
  try {
    module = await load(pathToFileURL(resolve(baseDir, spec)).href)
  } catch (e) {
    throw new UsageError(`${what} ${spec}: cannot be imported: ${(e as Error).message}`)
  }
  if (module.default === undefined) throw new UsageError(`${what} ${spec}: the module has no default export`)
  return module.default
}
