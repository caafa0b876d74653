/**
 * Node module hooks of the bundled CLI (registered by bundled.ts): a user module's `@subnetkit/*` imports resolve
 * to the bundle's own entries, so there is one copy of the runtime in the process; and `effect`, when the module's
 * own folder has none (a subnet or profile written outside the workspace), resolves to the CLI's.
 */
interface Data {
  readonly aliases: Readonly<Record<string, string>>
  /** A URL inside the bundle, from where the CLI's own packages resolve. */
  readonly parentURL: string
}

let data: Data = { aliases: {}, parentURL: "" }

export function initialize(init: Data): void {
  data = init
}

interface Context {
  readonly parentURL?: string | undefined
}
type Resolved = { url: string; shortCircuit?: boolean }
type Resolve = (specifier: string, context: Context) => Promise<Resolved>

export async function resolve(specifier: string, context: Context, next: Resolve): Promise<Resolved> {
  const alias = data.aliases[specifier]
  if (alias !== undefined) return { url: alias, shortCircuit: true }
  try {
    return await next(specifier, context)
  } catch (e) {
    const shared = specifier === "effect" || specifier.startsWith("effect/")
    if (!shared || (e as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw e
    return next(specifier, { ...context, parentURL: data.parentURL })
  }
}
