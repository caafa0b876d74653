/** Loads a recorded runtime fixture (`packages/cli/scripts/record-metadata.ts`) into an offline registry. Tests only. */
import { expandMetadata, Metadata, TypeRegistry } from "@polkadot/types"
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"

export interface RuntimeFixture {
  readonly spec: number
  readonly block: number
  readonly netuid: number
  readonly metadata: string
  readonly neurons: string
  readonly neuronsLite: string
  readonly storage: {
    readonly tempo: string
    readonly subnetOwner: string
    readonly subnetOwnerHotkey: string | null
    readonly blockAtRegistration: ReadonlyArray<readonly [number, string]>
  }
}

export function loadFixture(name: "spec185" | "spec218") {
  const fixture: RuntimeFixture = JSON.parse(
    gunzipSync(readFileSync(new URL(`./fixtures/${name}.json.gz`, import.meta.url))).toString("utf8"),
  )
  const registry = new TypeRegistry()
  const metadata = new Metadata(registry, fixture.metadata as `0x${string}`)
  registry.setMetadata(metadata)
  return { fixture, registry, metadata, decorated: expandMetadata(registry, metadata) }
}
