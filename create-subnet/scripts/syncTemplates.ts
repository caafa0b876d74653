/**
 * The text, image and storage templates start from the reference subnets in subnets/: their sources (not their
 * tests), bundled models and corpus are copied verbatim, and their scenario.json becomes scenarios/default.json
 * (paths relative to the scenarios folder, the subnet being src/subnet.ts). `pnpm --filter create-subnet
 * sync-templates` writes the copies; `templateDrift()` lists what differs (a test fails on it), so a template never
 * silently falls behind its subnet. The files a template adds (subnet.ts, task.ts, miner.ts, validator.ts, the test,
 * README, package.json, configs) are its own.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

export const REFERENCE_TEMPLATES = ["text", "image", "storage"] as const
const root = fileURLToPath(new URL("../../", import.meta.url))
const templates = fileURLToPath(new URL("../templates/", import.meta.url))
/** The folders copied verbatim from a reference subnet, when it has them. */
const COPIED = ["src", "models", "corpus"]

function filesUnder(dir: string): Array<string> {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
}

/** A scenario's paths, written for the project root (`./src/…`), as seen from scenarios/; the subnet is src/subnet.ts. */
export const scenarioForTemplate = (json: string): string =>
  json
    .replace(/"subnet":\s*"[^"]*"/, `"subnet": "../src/subnet.ts"`)
    .replace(/"profile":\s*"\.\/([^"]*)"/g, (_, p: string) => `"profile": "../${p}"`)

/** Every file the template must hold with exactly these bytes: path in the template → bytes. */
function expected(name: string): Map<string, Buffer> {
  const from = join(root, "subnets", name)
  const out = new Map<string, Buffer>()
  for (const dir of COPIED) {
    for (const f of filesUnder(join(from, dir))) if (!f.endsWith(".test.ts")) out.set(join(dir, f), readFileSync(join(from, dir, f)))
  }
  out.set(join("scenarios", "default.json"), Buffer.from(scenarioForTemplate(readFileSync(join(from, "scenario.json"), "utf8"))))
  return out
}

/** The template's own files in the copied folders (everything else there must come from the subnet). */
const OWN = new Set(["subnet.ts", "task.ts", "miner.ts", "validator.ts"].map((f) => join("src", f)))

/** Files that differ from, are missing from, or are left over from the reference subnets, as "template/path: why". */
export function templateDrift(): Array<string> {
  const drift: Array<string> = []
  for (const name of REFERENCE_TEMPLATES) {
    const want = expected(name)
    const dir = join(templates, name)
    for (const [path, bytes] of want) {
      const file = join(dir, path)
      if (!existsSync(file)) drift.push(`${name}/${path}: missing`)
      else if (!readFileSync(file).equals(bytes)) drift.push(`${name}/${path}: differs from subnets/${name}`)
    }
    for (const d of COPIED) {
      for (const f of filesUnder(join(dir, d))) {
        const path = join(d, f)
        if (!want.has(path) && !OWN.has(path)) drift.push(`${name}/${path}: not in subnets/${name}`)
      }
    }
  }
  return drift
}

/** Writes the copies (and removes copied files the subnet no longer has). */
export function syncTemplates(): void {
  for (const name of REFERENCE_TEMPLATES) {
    const want = expected(name)
    const dir = join(templates, name)
    for (const d of COPIED) {
      for (const f of filesUnder(join(dir, d))) if (!want.has(join(d, f)) && !OWN.has(join(d, f))) rmSync(join(dir, d, f))
    }
    for (const [path, bytes] of want) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), bytes)
    }
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  syncTemplates()
  process.stdout.write("templates synced with subnets/\n")
}
