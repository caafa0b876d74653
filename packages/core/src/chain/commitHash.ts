/**
 * The commit-reveal hash of subtensor (`get_commit_hash`): blake2b-256 of the SCALE encoding of
 * `(account_id, netuid_index: u16, uids: Vec<u16>, values: Vec<u16>, salt: Vec<u16>, version_key: u64)`.
 * Spec 185's runtime has no salt: pass `salt: null` for it (`SubtensorChain`'s `features.saltedReveal` says which).
 * A hotkey that is not an SS58 address (test names like "validator-1") uses blake2b-256 of its UTF-8 text as its
 * 32-byte account id, so the mock chain can use readable names.
 */
import { u8aConcat, u8aToHex } from "@polkadot/util"
import { blake2AsU8a, decodeAddress } from "@polkadot/util-crypto"

export function accountId(hotkey: string): Uint8Array {
  try {
    return decodeAddress(hotkey)
  } catch {
    return blake2AsU8a(new TextEncoder().encode(hotkey), 256)
  }
}

/** SCALE compact length prefix (lengths below 2^30). */
function compactLength(n: number): Uint8Array {
  if (n < 64) return Uint8Array.of(n << 2)
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, (n << 2) >> 8)
  const v = (n << 2) | 2
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff)
}

function vecU16(values: ReadonlyArray<number>): Uint8Array {
  const body = new Uint8Array(values.length * 2)
  const view = new DataView(body.buffer)
  values.forEach((v, i) => view.setUint16(i * 2, v, true))
  return u8aConcat(compactLength(values.length), body)
}

function u16(v: number): Uint8Array {
  return Uint8Array.of(v & 0xff, v >> 8)
}

function u64(v: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(v), true)
  return out
}

/** 0x-prefixed hex commit hash for a reveal of `uids`/`values` with `salt`. */
export function commitHash(input: {
  readonly hotkey: string
  readonly netuid: number
  readonly uids: ReadonlyArray<number>
  readonly values: ReadonlyArray<number>
  readonly salt: ReadonlyArray<number> | null
  readonly versionKey: number
}): string {
  const salt = input.salt === null ? new Uint8Array(0) : vecU16(input.salt)
  const encoded = u8aConcat(
    accountId(input.hotkey),
    u16(input.netuid),
    vecU16(input.uids),
    vecU16(input.values),
    salt,
    u64(input.versionKey),
  )
  return u8aToHex(blake2AsU8a(encoded, 256))
}
