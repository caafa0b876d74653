/** The default export of a user module given by path (a subnet, a profile, a mechanism), or a one-line UsageError. */
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { UsageError } from "../errors.ts"
import { loadModule } from "./moduleLoader.ts"

export async function importDefault(spec: string, what: string, baseDir = process.cwd()): Promise<unknown> {
  let module: { default?: unknown }
  try {
    module = await loadModule(pathToFileURL(resolve(baseDir, spec)).href)
  } catch (e) {
    throw new UsageError(`${what} ${spec}: cannot be imported: ${(e as Error).message}`)
  }
  if (module.default === undefined) throw new UsageError(`${what} ${spec}: the module has no default export`)
  return module.default
}
