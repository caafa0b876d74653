/**
 * sr25519 keys (SS58 format 42, as Bittensor uses). Derivation comes from `@polkadot/util-crypto`; signing and
 * verifying use `@polkadot/wasm-crypto` directly: util-crypto 14 signs in plain JavaScript (measured 1.3 ms per
 * signature and 3 ms per verification here, against well under a tenth of that in WebAssembly), which would make
 * signing dominate every request. `keysReady` must complete before any key is made or checked.
 */
import { DEV_PHRASE } from "@polkadot/keyring"
import { u8aToHex } from "@polkadot/util"
import {
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  keyExtractSuri,
  keyFromPath,
  mnemonicGenerate,
  mnemonicToMiniSecret,
  mnemonicValidate,
  sr25519PairFromSeed,
} from "@polkadot/util-crypto"
import { sr25519Sign, sr25519Verify, waitReady } from "@polkadot/wasm-crypto"
import { Effect } from "effect"

/** Bittensor's SS58 prefix. */
export const SS58_FORMAT = 42

export interface Keypair {
  readonly address: string
  readonly publicKey: Uint8Array
  /** 64-byte sr25519 secret key. */
  readonly secretKey: Uint8Array
  /** The 32-byte mini-secret it came from, when it has no derivation path. */
  readonly seed: Uint8Array | null
  /** The mnemonic it came from, when it was made from one. */
  readonly mnemonic: string | null
}

/** Loads the WebAssembly once; every key operation needs it. */
export const keysReady: Effect.Effect<void> = Effect.promise(() => Promise.all([cryptoWaitReady(), waitReady()])).pipe(
  Effect.asVoid,
)

/** A new mnemonic (12 words unless asked for 24). */
export const newMnemonic = (words: 12 | 24 = 12): string => mnemonicGenerate(words)

/** A keypair from a 32-byte mini-secret seed (a keyfile's `secretSeed`). */
export function keypairFromSeed(seed: Uint8Array, mnemonic: string | null = null): Keypair {
  const pair = sr25519PairFromSeed(seed)
  return {
    address: encodeAddress(pair.publicKey, SS58_FORMAT),
    publicKey: pair.publicKey,
    secretKey: pair.secretKey,
    seed,
    mnemonic,
  }
}

/**
 * A keypair from a secret URI: a BIP39 mnemonic, optionally with a derivation path (`<mnemonic>//hard/soft`), or a
 * development path on the well-known dev phrase (`//Alice`). Throws on an invalid mnemonic.
 */
export function keypairFromUri(uri: string): Keypair {
  // A bare path (`//Alice`, `/Bob//test`) derives from the well-known dev phrase, as substrate's tools do.
  const suri = uri.startsWith("/") ? `${DEV_PHRASE}${uri}` : uri
  const { phrase, path, password } = keyExtractSuri(suri)
  if (!mnemonicValidate(phrase)) throw new Error("not a valid BIP39 mnemonic")
  const seed = mnemonicToMiniSecret(phrase, password)
  if (path.length === 0) return keypairFromSeed(seed, phrase)
  const derived = keyFromPath(sr25519PairFromSeed(seed), path, "sr25519")
  return {
    address: encodeAddress(derived.publicKey, SS58_FORMAT),
    publicKey: derived.publicKey,
    secretKey: derived.secretKey,
    seed: null,
    mnemonic: null,
  }
}

/** 0x-hex sr25519 signature of the UTF-8 message. */
export const signMessage = (pair: Keypair, message: string): string =>
  u8aToHex(sr25519Sign(pair.publicKey, pair.secretKey, new TextEncoder().encode(message)))

// Decoded SS58 addresses: a validator sees the same few hotkeys again and again.
const publicKeys = new Map<string, Uint8Array | null>()
function publicKeyOf(address: string): Uint8Array | null {
  let key = publicKeys.get(address)
  if (key === undefined) {
    try {
      key = decodeAddress(address)
      if (key.length !== 32) key = null
    } catch {
      key = null
    }
    if (publicKeys.size > 10_000) publicKeys.clear()
    publicKeys.set(address, key)
  }
  return key
}

/** Whether `signature` is `address`'s sr25519 signature of `message`; false (never a throw) for malformed input. */
export function verifyMessage(message: string, signature: string, address: string): boolean {
  if (!/^0x[0-9a-fA-F]{128}$/.test(signature)) return false
  const publicKey = publicKeyOf(address)
  if (publicKey === null) return false
  return sr25519Verify(Buffer.from(signature.slice(2), "hex"), new TextEncoder().encode(message), publicKey)
}
