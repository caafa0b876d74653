import { randomBytes } from "node:crypto"
import { open, rename, rm } from "node:fs/promises"
import { dirname, join } from "node:path"

/**
 * Writes a file so that readers see either the old content or the new, never a part: write a temp file in the same
 * folder, fsync it, rename it over the target (atomic on POSIX), then fsync the folder so the rename survives a crash.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(6).toString("hex")}.tmp`)
  try {
    const file = await open(temp, "w", mode)
    try {
      await file.writeFile(content)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (e) {
    await rm(temp, { force: true })
    throw e
  }
  const dir = await open(dirname(path), "r")
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}
