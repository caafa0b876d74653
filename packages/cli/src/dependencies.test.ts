/**
 * What installing @subnetkit/cli pulls in (issue 30): its dependencies, their dependencies and so on, as npm and pnpm
 * install them (optional peers are not installed), must all run on the Node it supports (engines, no EBADENGINE
 * warning) and need no install script of their own (pnpm prints "Ignored build scripts" for each). esbuild's
 * postinstall is the one exception: the scaffolder's pnpm config names it, and npm runs it.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs"
import { dirname, join } from "node:path"
import { describe, expect, it } from "vitest"

interface Manifest {
  readonly name: string
  readonly version: string
  readonly engines?: { readonly node?: string }
  readonly scripts?: Readonly<Record<string, string>>
  readonly dependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>
}

const NODE = [20, 19, 0] as const
const SCRIPTS_ALLOWED = new Set(["esbuild"])

/** Whether `range` (an engines.node value: `>=`, `>`, `^`, `~`, `x`, `*`, `||`, space-separated AND) admits NODE. */
function admits(range: string): boolean {
  const parse = (v: string) => v.replace(/^v/, "").split(".").map((x) => (x === "x" || x === "*" ? NaN : Number(x)))
  const compare = (v: ReadonlyArray<number>) => {
    for (let i = 0; i < 3; i++) {
      const part = v[i] ?? 0
      if (Number.isNaN(part)) return 0
      if (NODE[i]! !== part) return NODE[i]! - part
    }
    return 0
  }
  const clause = (c: string): boolean => {
    const m = /^(>=|>|<=|<|\^|~|=)?\s*(.*)$/.exec(c.trim())!
    const v = parse(m[2]!)
    switch (m[1]) {
      case ">=":
        return compare(v) >= 0
      case ">":
        return compare(v) > 0
      case "<=":
        return compare(v) <= 0
      case "<":
        return compare(v) < 0
      case "^":
        return compare(v) >= 0 && NODE[0] === v[0]
      case "~":
        return compare(v) >= 0 && NODE[0] === v[0] && NODE[1] === v[1]
      default:
        return m[2] === "*" || m[2] === "" || v.every((x, i) => Number.isNaN(x) || x === NODE[i])
    }
  }
  return range.split("||").some((any) => any.trim().replace(/([<>=^~]+)\s+/g, "$1").split(/\s+/).every(clause))
}

/** The manifest of package `name` as Node resolves it from `dir` (pnpm links each package's own dependencies). */
function resolveManifest(name: string, dir: string): string | undefined {
  for (let d = dir;; d = dirname(d)) {
    const file = join(d, "node_modules", name, "package.json")
    if (existsSync(file)) return realpathSync(file)
    if (dirname(d) === d) return undefined
  }
}

function installed(root: string): Map<string, Manifest> {
  const seen = new Map<string, Manifest>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    const m = JSON.parse(readFileSync(file, "utf8")) as Manifest
    seen.set(file, m)
    const requiredPeers = Object.keys(m.peerDependencies ?? {}).filter((p) => !m.peerDependenciesMeta?.[p]?.optional)
    for (const dep of [...Object.keys({ ...m.dependencies, ...m.optionalDependencies }), ...requiredPeers]) {
      const found = resolveManifest(dep, dirname(file))
      if (found !== undefined) visit(found) // an optional dependency for another platform is not installed here
    }
  }
  visit(root)
  return seen
}

describe("installing @subnetkit/cli", () => {
  it("behavior: the engines range check reads the forms packages use", () => {
    expect([">=20.19", "^14.21.3 || >=16", ">= 14.13", "^20.0.0", "*", ">=18 <21"].map(admits)).toEqual(
      [true, true, true, true, true, true],
    )
    expect([">=22", ">=20.20", "^18", "~20.18.0", ">=22.12.0 <23"].map(admits)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })

  it("behavior: every package it installs runs on Node 20.19 and needs no install script", () => {
    const packages = [...installed(join(import.meta.dirname, "../package.json")).values()]
    expect(packages.length).toBeGreaterThan(20)
    const wrongEngine = packages.filter((m) => m.engines?.node !== undefined && !admits(m.engines.node))
    expect(wrongEngine.map((m) => `${m.name}@${m.version} engines.node ${m.engines!.node}`)).toEqual([])
    const scripts = packages.filter((m) =>
      !SCRIPTS_ALLOWED.has(m.name) && ["preinstall", "install", "postinstall"].some((s) => m.scripts?.[s] !== undefined)
    )
    expect(scripts.map((m) => `${m.name}@${m.version}`)).toEqual([])
  })
})
