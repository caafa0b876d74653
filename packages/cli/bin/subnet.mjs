#!/usr/bin/env node
// The `subnet` command. In the workspace it runs the esbuild bundle of the sources (rebuilt when they change), so a
// command starts in plain node instead of through tsx; an installed package (no sources) runs its tsc build.
import { existsSync } from "node:fs"

if (existsSync(new URL("../src/bundled.ts", import.meta.url))) {
  const { ensureBundle } = await import("./bundle.mjs")
  await import(await ensureBundle())
} else {
  await import("../dist/bin.js")
}
