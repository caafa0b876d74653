/**
 * Node module hooks of the bundled CLI (registered by bundled.ts): a user module's `@subnetkit/*` imports resolve
 * to the bundle's own entries, so there is one copy of the runtime in the process.
 */
let aliases: Readonly<Record<string, string>> = {}

export function initialize(data: Readonly<Record<string, string>>): void {
  aliases = data
}

type Resolve = (specifier: string, context: unknown) => Promise<{ url: string; shortCircuit?: boolean }>

export async function resolve(specifier: string, context: unknown, next: Resolve): Promise<{ url: string; shortCircuit?: boolean }> {
  const alias = aliases[specifier]
  return alias === undefined ? next(specifier, context) : { url: alias, shortCircuit: true }
}
