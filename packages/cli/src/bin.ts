#!/usr/bin/env node
/**
 * The installed `subnet` command (bin/subnet.mjs runs this build when the package has no sources): a user module
 * (`--subnet`, a profile, a mechanism) is imported with TypeScript support registered when it is `.ts`.
 */
import { processIo } from "./Io.ts"
import { main } from "./main.ts"
import { setModuleLoader } from "./runtime/moduleLoader.ts"
import { importWithTypeScript } from "./runtime/typescriptImport.ts"

setModuleLoader(importWithTypeScript)

process.exitCode = await main(process.argv.slice(2), processIo)
