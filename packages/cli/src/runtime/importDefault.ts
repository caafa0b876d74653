/** The default export of a user module given by path (a subnet, a profile, a mechanism), or a one-line UsageError. */
import { existsSync } from "node:fs"
import { isAbsolute, relative, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { UsageError } from "../errors.ts"
import { loadModule } from "./moduleLoader.ts"

/** `file` as the user would type it: relative to the working directory when that is shorter. */
const shortPath = (file: string) => {
  const rel = relative(process.cwd(), file)
  return rel.length < file.length && !isAbsolute(rel) ? rel : file
}

/**
 * Why a module did not import, without the importer's own location (node's "imported from …", which names the CLI's
 * file, deep in node_modules when installed).
 */
const importProblem = (e: unknown, file: string) =>
  existsSync(file)
    ? String((e as Error).message ?? e).replace(/ imported from \S+/g, "")
    : `no such file (looked for ${shortPath(file)})`

export async function importDefault(spec: string, what: string, baseDir = process.cwd()): Promise<unknown> {
  const file = resolve(baseDir, spec)
  let module: { default?: unknown }
  try {
    module = await loadModule(pathToFileURL(file).href)
  } catch (e) {
    throw new UsageError(`${what} ${spec}: cannot be imported: ${importProblem(e, file)}`)
  }
  if (module.default === undefined) throw new UsageError(`${what} ${spec}: the module has no default export`)
  return module.default
}
