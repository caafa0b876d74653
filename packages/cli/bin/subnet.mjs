#!/usr/bin/env node
// The `subnet` command. In the workspace it runs the esbuild bundle of the sources (rebuilt when they change), so a
// command starts in plain node instead of through tsx.
import { ensureBundle } from "./bundle.mjs"

await import(await ensureBundle())
