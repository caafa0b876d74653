/**
 * Wallets in btcli's layout: `<root>/<name>/coldkey` (password-encrypted unless asked otherwise),
 * `<root>/<name>/coldkeypub.txt`, `<root>/<name>/hotkeys/<hotkey>` (+ `<hotkey>pub.txt`). Files are written
 * atomically with mode 0600 and never overwritten unless asked, so no key is lost to a typo.
 */
import { hexToU8a } from "@polkadot/util"
import { decodeAddress, encodeAddress } from "@polkadot/util-crypto"
import { access, mkdir, readdir, readFile } from "node:fs/promises"
import { homedir } from "node:os"
import { join } from "node:path"
import { writeFileAtomic } from "../io/writeFileAtomic.ts"
import { decryptKeyfile, encryptKeyfile, isEncrypted } from "./encryption.ts"
import {
  fromKeyfileJson,
  KeyfileError,
  legacyFormat,
  legacyFormatMessage,
  toKeyfileJson,
  toPublicKeyfileJson,
} from "./keyfile.ts"
import type { Keypair } from "./Keys.ts"
import { keypairFromUri, newMnemonic, SS58_FORMAT } from "./Keys.ts"

export const defaultWalletRoot = (): string => process.env.BT_WALLET_PATH ?? join(homedir(), ".bittensor", "wallets")

/** A wallet operation that cannot be done: the message says which file and what to do. */
export class WalletError extends Error {
  override readonly name = "WalletError"
}

/** The shortest coldkey password accepted, from the prompt, the environment or the library alike. */
export const MIN_PASSWORD_LENGTH = 8

/** Throws a WalletError naming `source` (e.g. "SUBNET_WALLET_PASSWORD") when the password is too short. */
export function checkPassword(password: string, source = "the password"): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new WalletError(
      `${source}: a coldkey password needs at least ${MIN_PASSWORD_LENGTH} characters, got ${
        password.length === 0 ? "an empty one" : password.length
      }`,
    )
  }
}

export interface CreateWalletInput {
  readonly root?: string
  readonly name: string
  readonly hotkey?: string
  /** Encrypts the coldkey; required unless `unencryptedColdkey`. */
  readonly password?: string
  readonly unencryptedColdkey?: boolean
  /** Import these instead of generating new ones. */
  readonly coldkeyMnemonic?: string
  readonly hotkeyMnemonic?: string
  readonly overwrite?: boolean
}

export interface CreatedWallet {
  readonly coldkey: string
  readonly hotkey: string
  /** Shown once, so the user can write them down. */
  readonly coldkeyMnemonic: string
  readonly hotkeyMnemonic: string
}

const exists = (path: string) => access(path).then(() => true, () => false)
const safeName = (kind: string, name: string) => {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name) || name.startsWith(".")) {
    throw new WalletError(`${kind} name "${name}" must be 1–64 letters, digits, '_', '-' or '.', not starting with '.'`)
  }
  return name
}

export async function createWallet(input: CreateWalletInput): Promise<CreatedWallet> {
  const root = input.root ?? defaultWalletRoot()
  const dir = join(root, safeName("wallet", input.name))
  const hotkeyName = safeName("hotkey", input.hotkey ?? "default")
  if (input.password === undefined && !input.unencryptedColdkey) {
    throw new WalletError("a coldkey needs a password (or ask for an unencrypted one explicitly: --no-password)")
  }
  if (input.password !== undefined) checkPassword(input.password)
  const coldkeyPath = join(dir, "coldkey")
  const hotkeyPath = join(dir, "hotkeys", hotkeyName)
  for (const path of [coldkeyPath, hotkeyPath]) {
    if (!input.overwrite && await exists(path)) {
      throw new WalletError(`${path} already exists; pass --overwrite to replace it (the old key is lost)`)
    }
  }
  const coldkeyMnemonic = input.coldkeyMnemonic ?? newMnemonic()
  const hotkeyMnemonic = input.hotkeyMnemonic ?? newMnemonic()
  const coldkey = keypairFromUri(coldkeyMnemonic)
  const hotkey = keypairFromUri(hotkeyMnemonic)
  await mkdir(join(dir, "hotkeys"), { recursive: true, mode: 0o700 })
  const coldData = new TextEncoder().encode(toKeyfileJson(coldkey))
  await writeFileAtomic(
    coldkeyPath,
    input.password === undefined ? coldData : await encryptKeyfile(coldData, input.password),
    0o600,
  )
  await writeFileAtomic(join(dir, "coldkeypub.txt"), toPublicKeyfileJson(coldkey), 0o600)
  await writeFileAtomic(hotkeyPath, toKeyfileJson(hotkey), 0o600)
  await writeFileAtomic(`${hotkeyPath}pub.txt`, toPublicKeyfileJson(hotkey), 0o600)
  return { coldkey: coldkey.address, hotkey: hotkey.address, coldkeyMnemonic, hotkeyMnemonic }
}

async function readKeyfile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (e) {
    throw new WalletError(
      (e as NodeJS.ErrnoException).code === "ENOENT"
        ? `${path} does not exist; create it with: subnet wallet create`
        : `${path}: ${(e as Error).message}`,
    )
  }
}

/** A hotkey's keypair (hotkeys are stored unencrypted, as btcli does; an encrypted one is refused with a message). */
export async function readHotkey(name: string, hotkey = "default", root = defaultWalletRoot()): Promise<Keypair> {
  const path = join(root, safeName("wallet", name), "hotkeys", safeName("hotkey", hotkey))
  const data = await readKeyfile(path)
  if (isEncrypted(data)) {
    throw new WalletError(`${path} is encrypted; subnetkit reads unencrypted hotkeys only (as btcli writes them)`)
  }
  return wrap(() => fromKeyfileJson(new TextDecoder().decode(data), path))
}

/** The coldkey's keypair; `password` is needed when it is encrypted. */
export async function readColdkey(name: string, password?: string, root = defaultWalletRoot()): Promise<Keypair> {
  const path = join(root, safeName("wallet", name), "coldkey")
  const data = await readKeyfile(path)
  if (!isEncrypted(data)) return wrap(() => fromKeyfileJson(new TextDecoder().decode(data), path))
  if (password === undefined) throw new WalletError(`${path} is encrypted; give its password`)
  const plain = await decryptKeyfile(data, password)
  if (plain === null) throw new WalletError(`wrong password for ${path}`)
  return wrap(() => fromKeyfileJson(new TextDecoder().decode(plain), path))
}

const wrap = <A>(f: () => A): A => {
  try {
    return f()
  } catch (e) {
    throw e instanceof KeyfileError ? new WalletError(e.message) : e
  }
}

export interface WalletSummary {
  readonly name: string
  readonly coldkey: string | null
  readonly hotkeys: ReadonlyArray<{ readonly name: string; readonly address: string | null }>
  /** Files of this wallet that could not be read, and why; the listing goes on without them. */
  readonly problems: ReadonlyArray<{ readonly file: string; readonly reason: string }>
}

type Read = { readonly address: string } | { readonly problem: string }

/** The address in a public keyfile: btcli's JSON, or the legacy raw 0x-hex public key, or a bare SS58 address. */
function publicAddress(text: string): Read {
  const trimmed = text.trim()
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(trimmed)) {
    return { address: encodeAddress(hexToU8a(trimmed.startsWith("0x") ? trimmed : `0x${trimmed}`), SS58_FORMAT) }
  }
  try {
    const data: unknown = JSON.parse(trimmed)
    const address = typeof data === "object" && data !== null
      ? (data as Record<string, unknown>)["ss58Address"]
      : undefined
    if (typeof address === "string") return { address }
    return { problem: "a JSON file without ss58Address" }
  } catch {
    try {
      decodeAddress(trimmed)
      return { address: trimmed }
    } catch {
      return { problem: "neither a keyfile (JSON), a hex public key nor an SS58 address" }
    }
  }
}

/** The address of a secret keyfile without decrypting it: its JSON, else its public twin (`<file>pub.txt`). */
async function keyfileAddress(path: string): Promise<Read> {
  const text = await readFile(path, "utf8").catch((e: Error) => e)
  if (text instanceof Error) return { problem: text.message }
  const fromJson = text.startsWith("$NACL") || legacyFormat(text) !== null ? null : publicAddress(text)
  if (fromJson !== null && "address" in fromJson) return fromJson
  const twin = await readFile(`${path}pub.txt`, "utf8").then(publicAddress, () => null)
  if (twin !== null && "address" in twin) return twin
  const legacy = legacyFormat(text)
  if (legacy !== null) return { problem: legacyFormatMessage(path, legacy) }
  if (text.startsWith("$NACL")) return { problem: `encrypted, and its public file ${path}pub.txt is missing` }
  return fromJson ?? { problem: "unreadable" }
}

/**
 * Wallets under `root` with their public addresses (no password needed). A file that cannot be read is named in
 * the wallet's `problems` instead of failing the whole listing.
 */
export async function listWallets(root = defaultWalletRoot()): Promise<Array<WalletSummary>> {
  const names = await readdir(root).catch(() => [] as Array<string>)
  const out: Array<WalletSummary> = []
  for (const name of names.sort()) {
    const dir = join(root, name)
    const problems: Array<{ file: string; reason: string }> = []
    const noted = (file: string, read: Read | null): string | null => {
      if (read === null) return null
      if ("address" in read) return read.address
      problems.push({ file, reason: read.problem })
      return null
    }
    const coldPub = await readFile(join(dir, "coldkeypub.txt"), "utf8").then(publicAddress, () => null)
    const coldkey = noted("coldkeypub.txt", coldPub)
    const files = await readdir(join(dir, "hotkeys")).catch(() => [] as Array<string>)
    const hotkeys = []
    for (const hotkey of files.filter((f) => !f.endsWith("pub.txt") && !f.startsWith(".")).sort()) {
      hotkeys.push({
        name: hotkey,
        address: noted(`hotkeys/${hotkey}`, await keyfileAddress(join(dir, "hotkeys", hotkey))),
      })
    }
    if (coldPub !== null || hotkeys.length > 0) out.push({ name, coldkey, hotkeys, problems })
  }
  return out
}
