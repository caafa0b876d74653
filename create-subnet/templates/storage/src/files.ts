/**
 * Plaintexts the validator works from: probe files (random audit data regenerated from the secret, never kept) and
 * user files in the inbox of its spool directory, put there by `subnet storage put`.
 */
import { writeFileAtomic } from "@subnetkit/core"
import { createCipheriv, createHash, randomBytes } from "node:crypto"
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"

/** The bytes of probe file `fileId`: an AES-CTR keystream of the secret, so the validator can always remake them. */
export function probeBytes(secret: string, fileId: string, size: number): Buffer {
  const key = createHash("sha256").update(Buffer.from(secret, "hex")).update(`probe/${fileId}`).digest()
  return createCipheriv("aes-256-ctr", key, Buffer.alloc(16)).update(Buffer.alloc(size))
}

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

const inboxDir = (dir: string) => join(dir, "inbox")

export interface InboxEntry {
  readonly id: string
  readonly name: string
}

/** Puts a file in the inbox and returns its id: the bytes first, then the note that makes it visible. */
export async function enqueueFile(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const id = randomBytes(8).toString("hex")
  mkdirSync(inboxDir(dir), { recursive: true })
  await writeFileAtomic(join(inboxDir(dir), `${id}.bin`), bytes)
  await writeFileAtomic(join(inboxDir(dir), `${id}.json`), JSON.stringify({ id, name }))
  return id
}

/** Files waiting in the inbox, oldest name first. */
export function listInbox(dir: string): Array<InboxEntry> {
  let names: Array<string>
  try {
    names = readdirSync(inboxDir(dir))
  } catch {
    return []
  }
  return names.filter((n) => /^[0-9a-f]{16}\.json$/.test(n)).sort().flatMap((n) => {
    try {
      const note = JSON.parse(readFileSync(join(inboxDir(dir), n), "utf8")) as InboxEntry
      return typeof note.id === "string" && typeof note.name === "string" ? [{ id: note.id, name: note.name }] : []
    } catch {
      return []
    }
  })
}

export const readInbox = (dir: string, id: string): Buffer => readFileSync(join(inboxDir(dir), `${id}.bin`))

/** Removes an inbox file once every chunk is stored R times (the note last, so a crash leaves it findable). */
export function removeFromInbox(dir: string, id: string): void {
  rmSync(join(inboxDir(dir), `${id}.bin`), { force: true })
  rmSync(join(inboxDir(dir), `${id}.json`), { force: true })
}
