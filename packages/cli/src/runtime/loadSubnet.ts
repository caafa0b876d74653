/** `--subnet <name|path>`: a built-in example by name, or a module whose default export is a `defineSubnet` result. */
import type { Subnet } from "@subnetkit/core"
import { arithmetic } from "@subnetkit/core"
import { resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { UsageError } from "../Io.ts"

const BUILT_IN: Record<string, Subnet<any, any>> = { arithmetic }

export async function loadSubnet(spec: string): Promise<Subnet<any, any>> {
  const builtIn = BUILT_IN[spec]
  if (builtIn) return builtIn
  let module: { default?: unknown }
  try {
    module = await import(pathToFileURL(resolve(spec)).href)
  } catch (e) {
    throw new UsageError(`--subnet ${spec}: not a built-in subnet (${Object.keys(BUILT_IN).join(", ")}) and cannot be imported: ${(e as Error).message}`)
  }
  const subnet = module.default as Partial<Subnet<unknown, unknown>> | undefined
  if (!subnet || typeof subnet.name !== "string" || typeof subnet.versionKey !== "number" || typeof subnet.miner !== "function") {
    throw new UsageError(`--subnet ${spec}: its default export is not a subnet (export default defineSubnet({...}))`)
  }
  return subnet as Subnet<unknown, unknown>
}
