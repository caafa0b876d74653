/**
 * btcli / btwallet keyfile JSON: `{accountId, publicKey, privateKey, secretPhrase, secretSeed, ss58Address}` with
 * 0x-hex keys. Reading prefers the mnemonic, then the seed, then the private key, as btwallet does.
 *
 * `privateKey` is the 64-byte secret as substrate's sp_core writes it (schnorrkel `to_bytes`); polkadot's JS/wasm
 * code keeps the same secret in ed25519-expanded form (the scalar times the cofactor 8), so it is converted both ways.
 */
import { hexToU8a, u8aToHex } from "@polkadot/util"
import { encodeAddress, sr25519Agreement } from "@polkadot/util-crypto"
import type { Keypair } from "./Keys.ts"
import { keypairFromSeed, keypairFromUri, signMessage, SS58_FORMAT, verifyMessage } from "./Keys.ts"

/** A keyfile that cannot be read as a keypair. */
export class KeyfileError extends Error {
  override readonly name = "KeyfileError"
}

/** The 32-byte little-endian scalar divided (÷8) or multiplied (×8) by the cofactor, as schnorrkel does. */
function scalarByCofactor(secret: Uint8Array, divide: boolean): Uint8Array {
  const out = Uint8Array.from(secret)
  if (divide) {
    let carry = 0
    for (let i = 31; i >= 0; i--) {
      const low = out[i]! & 0b111
      out[i] = (out[i]! >> 3) + carry
      carry = low << 5
    }
  } else {
    let carry = 0
    for (let i = 0; i < 32; i++) {
      const high = out[i]! >> 5
      out[i] = ((out[i]! << 3) & 0xff) + carry
      carry = high
    }
  }
  return out
}

/** The keyfile JSON of a keypair (secrets included: hotkeys are stored unencrypted, as btcli does). */
export function toKeyfileJson(pair: Keypair): string {
  const publicKey = u8aToHex(pair.publicKey)
  return JSON.stringify({
    accountId: publicKey,
    publicKey,
    privateKey: u8aToHex(scalarByCofactor(pair.secretKey, true)),
    secretPhrase: pair.mnemonic,
    secretSeed: pair.seed === null ? null : u8aToHex(pair.seed),
    ss58Address: pair.address,
  })
}

/** The public-only keyfile (`coldkeypub.txt`). */
export const toPublicKeyfileJson = (pair: { readonly publicKey: Uint8Array; readonly address: string }): string =>
  JSON.stringify({
    accountId: u8aToHex(pair.publicKey),
    publicKey: u8aToHex(pair.publicKey),
    ss58Address: pair.address,
  })

/**
 * The encrypted formats older btcli versions wrote, which btwallet still recognises; subnetkit reads only `$NACL`
 * (with its password) and names the others instead of calling them "not JSON".
 */
export function legacyFormat(text: string): string | null {
  if (text.startsWith("$ANSIBLE_VAULT")) return "Ansible Vault"
  if (text.startsWith("gAAAAA")) return "Fernet"
  return null
}

export const legacyFormatMessage = (source: string, format: string): string =>
  `${source} is encrypted in btcli's legacy ${format} format, which subnetkit does not read: re-encrypt it with ` +
  `btcli (btcli wallet update), or import the key from its mnemonic (SUBNET_COLDKEY_MNEMONIC with subnet wallet create)`

const field = (data: Record<string, unknown>, name: string): string | null => {
  const v = data[name]
  return typeof v === "string" && v.length > 0 ? v : null
}

/** Reads a keyfile's keypair. Throws `KeyfileError` saying what is missing or wrong. */
export function fromKeyfileJson(text: string, source = "keyfile"): Keypair {
  const legacy = legacyFormat(text)
  if (legacy !== null) throw new KeyfileError(legacyFormatMessage(source, legacy))
  let data: Record<string, unknown>
  try {
    data = JSON.parse(text)
  } catch {
    throw new KeyfileError(`${source} is not JSON (an encrypted file needs its password)`)
  }
  if (typeof data !== "object" || data === null) throw new KeyfileError(`${source} is not a keyfile object`)
  const phrase = field(data, "secretPhrase")
  const seed = field(data, "secretSeed")
  const privateKey = field(data, "privateKey")
  let pair: Keypair
  try {
    if (phrase !== null) pair = keypairFromUri(phrase)
    else if (seed !== null) pair = keypairFromSeed(hexToU8a(seed))
    else if (privateKey !== null) pair = fromPrivateKey(hexToU8a(privateKey), field(data, "publicKey"))
    else throw new KeyfileError(`${source} has no secretPhrase, secretSeed or privateKey`)
  } catch (e) {
    throw e instanceof KeyfileError ? e : new KeyfileError(`${source}: ${(e as Error).message}`)
  }
  const address = field(data, "ss58Address")
  if (address !== null && address !== pair.address) {
    throw new KeyfileError(`${source}: its secret gives ${pair.address}, but it says ${address}`)
  }
  return pair
}

/** The ristretto255 base point: the secret scalar times it is the public key (how btwallet derives it). */
const BASEPOINT = hexToU8a("0xe2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76")

function fromPrivateKey(spCoreSecret: Uint8Array, publicKeyHex: string | null): Keypair {
  if (spCoreSecret.length !== 64) throw new KeyfileError(`privateKey must be 64 bytes, got ${spCoreSecret.length}`)
  const secretKey = new Uint8Array(64)
  secretKey.set(scalarByCofactor(spCoreSecret.subarray(0, 32), false))
  secretKey.set(spCoreSecret.subarray(32), 32)
  // A keyfile with only a privateKey: the public key is derived (sr25519 agreement with the base point = secret · G).
  const publicKey = publicKeyHex === null ? sr25519Agreement(secretKey, BASEPOINT) : hexToU8a(publicKeyHex)
  const pair: Keypair = {
    address: encodeAddress(publicKey, SS58_FORMAT),
    publicKey,
    secretKey,
    seed: null,
    mnemonic: null,
  }
  if (!verifyMessage("keyfile check", signMessage(pair, "keyfile check"), pair.address)) {
    throw new KeyfileError("privateKey does not match publicKey")
  }
  return pair
}
