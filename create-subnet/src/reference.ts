/**
 * The text, image and storage templates start from the reference subnets in subnets/: their sources (not their
 * tests), bundled models and corpus, and their scenario.json as scenarios/default.json (paths relative to the
 * scenarios folder, the subnet being src/subnet.ts). They are not kept as copies in the repository: a project is
 * written from the template's own files (templates/<name>: subnet.ts, task.ts, miner.ts, validator.ts, the test,
 * README, package.json, configs) plus these files, read from subnets/ in this checkout or, in the published package,
 * from the `reference/` folder that `prepack` writes (`node dist/reference.js --pack`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

export const REFERENCE_TEMPLATES: ReadonlyArray<string> = ["text", "image", "storage"]
const subnetsDir = fileURLToPath(new URL("../../subnets/", import.meta.url))
const packedDir = fileURLToPath(new URL("../reference/", import.meta.url))
/**
 * Whether this is the repository's checkout, where the reference subnets are read where they live (a `reference/`
 * left by an earlier pack may be stale); a published package has only `reference/`.
 */
const inCheckout = existsSync(join(subnetsDir, "..", "pnpm-workspace.yaml"))
/** The folders taken from a reference subnet, when it has them. */
const TAKEN = ["src", "models", "corpus"]

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

/** The files a reference subnet gives its template, from subnets/<name> in this checkout. */
function fromSubnet(name: string): Map<string, Buffer> {
  const from = join(subnetsDir, name)
  const out = new Map<string, Buffer>()
  for (const dir of TAKEN) {
    for (const f of filesUnder(join(from, dir))) {
      if (!f.endsWith(".test.ts")) out.set(join(dir, f), readFileSync(join(from, dir, f)))
    }
  }
  out.set(
    join("scenarios", "default.json"),
    Buffer.from(scenarioForTemplate(readFileSync(join(from, "scenario.json"), "utf8"))),
  )
  return out
}

/** The files template `name` takes from its reference subnet (none for `blank`): path in the project → bytes. */
export function referenceFiles(name: string): Map<string, Buffer> {
  if (!REFERENCE_TEMPLATES.includes(name)) return new Map()
  if (inCheckout) return fromSubnet(name)
  const packed = join(packedDir, name)
  if (!existsSync(packed)) {
    throw new Error(`the ${name} template's reference files are missing (${packed}): reinstall create-subnet`)
  }
  return new Map(filesUnder(packed).map((f) => [f, readFileSync(join(packed, f))]))
}

/** Writes `reference/` for the published package (run by `prepack`, from this checkout). */
export function packReference(): void {
  rmSync(packedDir, { recursive: true, force: true })
  for (const name of REFERENCE_TEMPLATES) {
    for (const [path, bytes] of fromSubnet(name)) {
      mkdirSync(dirname(join(packedDir, name, path)), { recursive: true })
      writeFileSync(join(packedDir, name, path), bytes)
    }
  }
}

if (
  process.argv.includes("--pack") && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]
) {
  packReference()
  process.stdout.write(`reference files written to ${packedDir}\n`)
}
