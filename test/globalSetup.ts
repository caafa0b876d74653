/** Builds the bundled CLI once before the process tests start, so six processes starting at once do not each build it. */
import { ensureBundle } from "../packages/cli/bin/bundle.mjs"

export default async function setup(): Promise<void> {
  await ensureBundle()
}
