/**
 * The entry of the bundled CLI (built by bin/bundle.mjs): runs `main` on the process's arguments, with a user-module
 * loader that registers TypeScript support (tsx) only when a `.ts` module is imported, and resolves the module's
 * `@subnetkit/core` (and `/subtensor`) / `@subnetkit/mechanisms` imports to this bundle's copies, so the user's `defineSubnet` and the
 * CLI's runtime are the same code.
 */
import { register } from "node:module"
import { processIo } from "./Io.ts"
import { main } from "./main.ts"
import { setModuleLoader } from "./runtime/moduleLoader.ts"
import { supportTypeScriptFor } from "./runtime/typescriptImport.ts"

let hooks = false

setModuleLoader(async (url) => {
  await supportTypeScriptFor(url)
  if (!hooks) {
    hooks = true
    const at = (file: string) => new URL(`./${file}`, import.meta.url).href
    const aliases = {
      "@subnetkit/core": at("core.mjs"),
      "@subnetkit/core/subtensor": at("core-subtensor.mjs"),
      "@subnetkit/mechanisms": at("mechanisms.mjs"),
    }
    register(at("hooks.mjs"), { data: { aliases, parentURL: import.meta.url } })
  }
  return import(url)
})

process.exitCode = await main(process.argv.slice(2), processIo)
