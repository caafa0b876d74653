/**
 * The password encryption of btwallet coldkeys: `$NACL` + 24-byte nonce + NaCl secretbox of the keyfile JSON, with
 * the key derived by Argon2i (v1.3) from the password and btwallet's fixed salt at libsodium's SENSITIVE limits
 * (8 passes, 512 MiB) — several seconds by design, which makes guessing passwords expensive.
 *
 * Argon2i runs natively through `@node-rs/argon2` (prebuilt binaries on npm, no build step): about 4× faster than
 * the WebAssembly `hash-wasm`, which stays as the fallback where no prebuilt binary exists. Both give the same bytes.
 */
import { naclDecrypt, naclEncrypt } from "@polkadot/util-crypto"
import { argon2i } from "hash-wasm"

const PREFIX = new TextEncoder().encode("$NACL")
/** btwallet's `NACL_SALT`. */
const SALT = Uint8Array.from([
  0x13,
  0x71,
  0x83,
  0xdf,
  0xf1,
  0x5a,
  0x09,
  0xbc,
  0x9c,
  0x90,
  0xb5,
  0x51,
  0x87,
  0x39,
  0xe9,
  0xb1,
])

type Native = typeof import("@node-rs/argon2")
// The package's enums are `const enum`s (not importable under isolatedModules): Argon2i = 1, version 0x13 = 1.
const ARGON2I = 1 as import("@node-rs/argon2").Algorithm
const V0X13 = 1 as import("@node-rs/argon2").Version
let native: Promise<Native | null> | undefined

async function deriveKey(password: string): Promise<Uint8Array> {
  native ??= import("@node-rs/argon2").catch(() => null)
  const rs = await native
  if (rs !== null) {
    const raw = await rs.hashRaw(password, {
      algorithm: ARGON2I,
      version: V0X13,
      memoryCost: 512 * 1024,
      timeCost: 8,
      parallelism: 1,
      outputLen: 32,
      salt: Buffer.from(SALT),
    })
    return new Uint8Array(raw)
  }
  return argon2i({
    password,
    salt: SALT,
    parallelism: 1,
    iterations: 8,
    memorySize: 512 * 1024,
    hashLength: 32,
    outputType: "binary",
  })
}

export const isEncrypted = (data: Uint8Array): boolean => PREFIX.every((b, i) => data[i] === b)

export async function encryptKeyfile(data: Uint8Array, password: string): Promise<Uint8Array> {
  const { encrypted, nonce } = naclEncrypt(data, await deriveKey(password))
  const out = new Uint8Array(PREFIX.length + nonce.length + encrypted.length)
  out.set(PREFIX)
  out.set(nonce, PREFIX.length)
  out.set(encrypted, PREFIX.length + nonce.length)
  return out
}

/** The plaintext, or null when the password is wrong (or the file is not a `$NACL` file). */
export async function decryptKeyfile(data: Uint8Array, password: string): Promise<Uint8Array | null> {
  if (!isEncrypted(data) || data.length < PREFIX.length + 24 + 16) return null
  const nonce = data.subarray(PREFIX.length, PREFIX.length + 24)
  return naclDecrypt(data.subarray(PREFIX.length + 24), nonce, await deriveKey(password))
}
