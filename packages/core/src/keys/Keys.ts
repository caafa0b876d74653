/**
 * sr25519 keys (SS58 format 42, as Bittensor uses), from `@polkadot/keyring`. `keysReady` must complete before any
 * key is made or checked: the sr25519 code is WebAssembly that loads asynchronously.
 */
import { Keyring } from "@polkadot/keyring"
import type { KeyringPair } from "@polkadot/keyring/types"
import { u8aToHex } from "@polkadot/util"
import { cryptoWaitReady, mnemonicGenerate, mnemonicValidate, signatureVerify } from "@polkadot/util-crypto"
import { Effect } from "effect"

export type { KeyringPair }

/** Bittensor's SS58 prefix. */
export const SS58_FORMAT = 42

/** Loads the sr25519 WebAssembly once; every key operation needs it. */
export const keysReady: Effect.Effect<void> = Effect.promise(() => cryptoWaitReady()).pipe(Effect.asVoid)

const keyring = () => new Keyring({ type: "sr25519", ss58Format: SS58_FORMAT })

/** A new 12-word mnemonic. */
export const newMnemonic = (words: 12 | 24 = 12): string => mnemonicGenerate(words)

/** The keypair of a mnemonic (or any `//Alice`-style URI). Throws on an invalid mnemonic. */
export function keypairFromUri(uri: string): KeyringPair {
  if (!uri.startsWith("//") && !uri.startsWith("0x") && !mnemonicValidate(uri.split("//")[0]!.trim())) {
    throw new Error("not a valid BIP39 mnemonic")
  }
  return keyring().addFromUri(uri)
}

/** A keypair from a 32-byte mini-secret seed (a keyfile's `secretSeed`). */
export const keypairFromSeed = (seed: Uint8Array): KeyringPair => keyring().addFromSeed(seed)

/** 0x-hex sr25519 signature of the UTF-8 message. */
export const signMessage = (pair: KeyringPair, message: string): string => u8aToHex(pair.sign(new TextEncoder().encode(message)))

/** Whether `signature` is `address`'s signature of `message`; false (never a throw) for malformed input. */
export function verifyMessage(message: string, signature: string, address: string): boolean {
  if (!/^0x[0-9a-fA-F]{128}$/.test(signature)) return false
  try {
    return signatureVerify(new TextEncoder().encode(message), signature, address).isValid
  } catch {
    return false
  }
}
