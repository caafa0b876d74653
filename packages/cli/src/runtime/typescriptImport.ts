/**
 * TypeScript support for user modules (a subnet, a profile, a mechanism): the installed `subnet` command and the
 * workspace bundle both run in plain Node, which cannot read TypeScript before Node 22.18, and a user should not have
 * to install a loader. tsx (a dependency of this package) is registered once, only when a `.ts` module is asked for,
 * so a `.js` subnet never pays for it.
 */
let typescript: Promise<void> | undefined

/** Registers tsx when `url` is a TypeScript module (before any hook that must run ahead of it). */
export async function supportTypeScriptFor(url: string): Promise<void> {
  if (!/\.[cm]?tsx?$/.test(new URL(url).pathname)) return
  typescript ??= import("tsx/esm/api").then((tsx) => void tsx.register())
  await typescript
}

export async function importWithTypeScript(url: string): Promise<{ default?: unknown }> {
  await supportTypeScriptFor(url)
  return import(url) as Promise<{ default?: unknown }>
}
