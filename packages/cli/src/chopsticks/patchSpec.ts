/**
 * Makes a user-supplied subtensor raw chain spec start deterministically under chopsticks: a fixed genesis
 * `Timestamp.Now` (without it chopsticks reads the wall clock twice for block #1 and, about one start in eight, the
 * slot and the timestamp disagree: "Timestamp slot must match CurrentSlot") and `Aura.CurrentSlot` 0, which is below
 * the first block's slot whatever the runtime's slot length. The spec is never modified in place.
 */
import { xxhashAsHex } from "@polkadot/util-crypto"

/** 2026-01-01T00:00:00Z: the chain's clock starts here and advances one slot per block. */
export const GENESIS_MS = 1_767_225_600_000n

const storageKey = (pallet: string, item: string) => xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2)

const le64 = (v: bigint) => {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, v, true)
  return `0x${Buffer.from(out).toString("hex")}`
}

export class SpecError extends Error {}

/** The patched spec JSON text; throws `SpecError` naming what is wrong with the file's content. */
export function patchSpec(text: string, path: string): string {
  let spec: { genesis?: { raw?: { top?: Record<string, string> } } }
  try {
    spec = JSON.parse(text)
  } catch (e) {
    throw new SpecError(`${path} is not JSON: ${(e as Error).message}`)
  }
  const top = spec.genesis?.raw?.top
  if (typeof top !== "object" || top === null) {
    throw new SpecError(
      `${path} is not a raw chain spec (no genesis.raw.top); build one with "node-subtensor build-spec --raw"`,
    )
  }
  if (typeof top["0x3a636f6465"] !== "string") throw new SpecError(`${path} has no runtime code (:code) in its genesis`)
  top[storageKey("Timestamp", "Now")] = le64(GENESIS_MS)
  top[storageKey("Aura", "CurrentSlot")] = le64(0n)
  return JSON.stringify(spec)
}
