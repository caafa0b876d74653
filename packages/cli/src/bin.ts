#!/usr/bin/env node
import { processIo } from "./Io.ts"
import { main } from "./main.ts"

process.exitCode = await main(process.argv.slice(2), processIo)
