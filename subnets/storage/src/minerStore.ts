/**
 * A miner's chunks on disk: `<dataDir>/chunks/<caller hotkey>/<replica id>`, each written atomically, under a size
 * cap. What a miner holds survives a restart (the usage is recounted from disk the first time a directory is used).
 */
import { writeFileAtomic } from "@subnetkit/core"
import { Schema } from "effect"
import { mkdirSync, readdirSync, statSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { join } from "node:path"

/** A write that would take the miner over its cap. */
export class StorageFull extends Schema.TaggedError<StorageFull>()("StorageFull", {
  usedBytes: Schema.Number,
  writeBytes: Schema.Number,
  capBytes: Schema.Number,
}) {
  override get message() {
    return `storage full: writing ${this.writeBytes} bytes would use ${
      this.usedBytes + this.writeBytes
    } of this miner's ${this.capBytes}-byte cap ` +
      `(raise SUBNET_STORAGE_CAP_BYTES or free space)`
  }
}

/** A replica this miner does not hold. */
export class ChunkMissing extends Schema.TaggedError<ChunkMissing>()("ChunkMissing", { id: Schema.String }) {
  override get message() {
    return `no replica ${this.id} is stored here`
  }
}

const usage = new Map<string, number>()

const chunkDir = (dataDir: string, caller: string) => join(dataDir, "chunks", caller)

/** Bytes under `<dataDir>/chunks`, counted once per directory and then kept up to date. */
export function usedBytes(dataDir: string): number {
  const known = usage.get(dataDir)
  if (known !== undefined) return known
  let total = 0
  const root = join(dataDir, "chunks")
  for (const caller of safeList(root)) {
    for (const f of safeList(join(root, caller))) if (!f.startsWith(".")) total += statSync(join(root, caller, f)).size
  }
  usage.set(dataDir, total)
  return total
}

const safeList = (dir: string): Array<string> => {
  try {
    return readdirSync(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return []
    throw e
  }
}

const sizeOf = (path: string): number => statSync(path, { throwIfNoEntry: false })?.size ?? 0

/** Stores a replica (replacing one with the same id); fails with `StorageFull` over the cap. */
export async function putChunk(
  dataDir: string,
  caller: string,
  id: string,
  data: Uint8Array,
  capBytes: number,
): Promise<void> {
  const dir = chunkDir(dataDir, caller)
  const path = join(dir, id)
  const used = usedBytes(dataDir)
  const replaced = sizeOf(path)
  if (used - replaced + data.length > capBytes) {
    throw new StorageFull({ usedBytes: used - replaced, writeBytes: data.length, capBytes })
  }
  mkdirSync(dir, { recursive: true })
  usage.set(dataDir, used - replaced + data.length) // reserved before the write, so concurrent stores cannot both pass
  try {
    await writeFileAtomic(path, data)
  } catch (e) {
    usage.delete(dataDir)
    throw e
  }
}

/** A stored replica, or `ChunkMissing`. */
export async function getChunk(dataDir: string, caller: string, id: string): Promise<Uint8Array> {
  try {
    return await readFile(join(chunkDir(dataDir, caller), id))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new ChunkMissing({ id })
    throw e
  }
}
