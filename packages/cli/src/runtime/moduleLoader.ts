/**
 * How a user module is imported. From sources (vitest, tsx) a plain `import()` already reads TypeScript; the
 * bundled CLI (`bin/subnet.mjs`) replaces this with a loader that adds TypeScript support only when a `.ts` module
 * is asked for, and points the module's `@subnetkit/*` imports at the bundle's own copies. (A module of its own: the
 * entry sets it at start-up, which must not load what importDefault.ts needs.)
 */
let load: (url: string) => Promise<{ default?: unknown }> = (url) => import(url)

export const loadModule = (url: string): Promise<{ default?: unknown }> => load(url)

export function setModuleLoader(loader: (url: string) => Promise<{ default?: unknown }>): void {
  load = loader
}
