#!/usr/bin/env node
/**
 * `npm create subnet [dir] [flags]`: asks on a terminal, or takes flags and defaults (--yes, stdin not a terminal,
 * CI=true); every input is checked before anything is written; then writes the project, installs, runs git init.
 */
import { relative, resolve } from "node:path"
import { localTarballs, packLocal } from "./local.ts"
import type { Flags, Plan } from "./options.ts"
import { InputError, parseFlags, planFromFlags, USAGE } from "./options.ts"
import { pmCommand, run, runScript, writeProject } from "./scaffold.ts"

const interactive = (flags: Flags): boolean =>
  !flags.yes && process.stdin.isTTY === true && process.env["CI"] !== "true"

async function create(argv: ReadonlyArray<string>): Promise<number> {
  const flags = parseFlags(argv)
  if (flags.help) {
    process.stdout.write(USAGE)
    return 0
  }
  // The prompts library is loaded only when it asks something.
  const plan: Plan = interactive(flags) ? await (await import("./prompts.ts")).askForPlan(flags) : planFromFlags(flags)
  const tarballs = plan.local ? localTarballs(plan.tarballs ?? packLocal()) : undefined
  writeProject(plan, tarballs)
  const rel = relative(process.cwd(), plan.dir)
  const where = rel === "" ? "." : rel.startsWith("..") ? resolve(plan.dir) : rel
  process.stdout.write(`Created ${plan.name} (template ${plan.template}) in ${where}\n`)
  if (plan.git && !run(plan.dir, "git", ["init", "--quiet"])) {
    process.stderr.write("git init failed; the project is there without a repository\n")
  }
  // A new project has no lockfile yet: pnpm would refuse to install on CI, where it defaults to a frozen one.
  const install = plan.pm === "pnpm" ? ["install", "--no-frozen-lockfile"] : ["install"]
  const [pm, ...pmArgs] = pmCommand(plan.pm)
  if (plan.install && !run(plan.dir, pm!, [...pmArgs, ...install])) {
    process.stderr.write(
      `create-subnet: ${plan.pm} install failed in ${where}; the files are written: fix the cause and run it again\n`,
    )
    return 1
  }
  const r = runScript(plan.pm)
  const p = pmCommand(plan.pm).join(" ")
  process.stdout.write(
    `\nNext:\n  cd ${where}\n${plan.install ? "" : `  ${p} install\n`}  ${p} test\n  ${r} simulate\n`,
  )
  return 0
}

try {
  process.exitCode = await create(process.argv.slice(2))
} catch (e) {
  if (!(e instanceof InputError)) throw e
  process.stderr.write(`create-subnet: ${e.message}\n`)
  process.exitCode = 1
}
