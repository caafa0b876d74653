/**
 * Per-miner encryption of a chunk: AES-256-GCM under a key derived (HKDF-SHA256) from the validator's secret and
 * (file, chunk, miner hotkey). Two hotkeys never hold the same bytes, so sybils cannot keep one copy for several
 * hotkeys, a proxy cannot answer from another miner's copy, and no miner can read what it stores.
 *
 * Each key encrypts exactly one plaintext (the chunk), so its IV is derived with it: re-sealing the same chunk for
 * the same miner (a retried store, a repair) gives the same bytes and the same Merkle root.
 */
import { createCipheriv, createDecipheriv, hkdfSync } from "node:crypto"

/** The GCM tag appended to every sealed chunk. */
export const TAG_BYTES = 16

const SALT = Buffer.from("subnetkit-storage-v1")

function keyAndIv(secret: string, fileId: string, chunk: number, hotkey: string): { key: Buffer; iv: Buffer } {
  const okm = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "hex"), SALT, `${fileId}/${chunk}/${hotkey}`, 44))
  return { key: okm.subarray(0, 32), iv: okm.subarray(32, 44) }
}

/** The replica of `plain` that `hotkey` stores: ciphertext ‖ tag. */
export function seal(secret: string, fileId: string, chunk: number, hotkey: string, plain: Uint8Array): Buffer {
  const { key, iv } = keyAndIv(secret, fileId, chunk, hotkey)
  const cipher = createCipheriv("aes-256-gcm", key, iv)
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
}

/** The chunk inside `hotkey`'s replica, or null when the bytes are not that replica (tampered, truncated, another's). */
export function open(secret: string, fileId: string, chunk: number, hotkey: string, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG_BYTES) return null
  const { key, iv } = keyAndIv(secret, fileId, chunk, hotkey)
  const decipher = createDecipheriv("aes-256-gcm", key, iv)
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
  } catch {
    return null
  }
}
