/** Interactive mode (a terminal, no --yes, CI unset): asks for whatever the flags left open, with the same checks. */
import * as p from "@clack/prompts"
import type { Flags, PackageManager, Plan, Template } from "./options.ts"
import {
  dirProblem,
  InputError,
  nameFromDir,
  nameProblem,
  PACKAGE_MANAGERS,
  planFromFlags,
  runningPackageManager,
  TEMPLATES,
} from "./options.ts"

const HINTS: Record<Template, string> = {
  blank: "a minimal commented subnet to fill in",
  text: "text generation with a tiny bundled model, re-executed by validators",
  image: "image labelling with hidden truth and a tiny bundled classifier",
  storage: "encrypted chunks, Merkle challenges, repair (a stateful round)",
}

/** The answer, or an InputError when the user cancels (Ctrl-C, Escape): nothing has been written yet. */
function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value)) throw new InputError("cancelled; nothing was written")
  return value as Exclude<T, symbol>
}

export async function askForPlan(flags: Flags): Promise<Plan> {
  p.intro("create-subnet")
  const dir = flags.dir ?? answered(
    await p.text({
      message: "Where should the project go?",
      placeholder: "my-subnet",
      defaultValue: "my-subnet",
      validate: (v) => dirProblem(v || "my-subnet", flags.overwrite),
    }),
  )
  const name = flags.name ?? answered(
    await p.text({
      message: "Package name",
      placeholder: nameFromDir(dir),
      defaultValue: nameFromDir(dir),
      validate: (v) => nameProblem(v || nameFromDir(dir)),
    }),
  )
  const template = flags.template ?? answered(
    await p.select<Template>({
      message: "Template",
      options: TEMPLATES.map((t) => ({ value: t, label: t, hint: HINTS[t] })),
      initialValue: "blank",
    }),
  )
  const pm = flags.pm ?? answered(
    await p.select<PackageManager>({
      message: "Package manager",
      options: PACKAGE_MANAGERS.map((m) => ({ value: m, label: m })),
      initialValue: runningPackageManager(),
    }),
  )
  const install = flags.install ??
    answered(await p.confirm({ message: "Install dependencies now?", initialValue: true }))
  const git = flags.git ?? answered(await p.confirm({ message: "Initialise a git repository?", initialValue: true }))
  // The same checks as the flags: an answer cannot get past what a flag could not.
  return planFromFlags({ ...flags, dir, name, template, pm, install, git })
}
