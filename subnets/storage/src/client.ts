/**
 * A user's side of the subnet, for `subnet storage put | get | ls`: files go into the validator's inbox (it chunks,
 * seals and places them), and come back straight from the miners, signed as the validator's hotkey (the caller
 * miners keep them for) and checked chunk by chunk (Merkle root, decryption, sha256) before they are written.
 */
import type { Subnet } from "@subnetkit/core"
import { queryMiners, syncMetagraph, ValidatorState } from "@subnetkit/core"
import { Effect, Schema } from "effect"
import { readFileSync } from "node:fs"
import { readInbox, sha256Hex } from "./files.ts"
import { merkleRoot } from "./merkle.ts"
import { open } from "./sealing.ts"
import type { StorageState, StoredFile } from "./state.ts"
import { replicaId, StorageState as StorageStateSchema } from "./state.ts"

/** The storage index inside a validator's state file. */
export function readIndex(stateFile: string): StorageState {
  const state = Schema.decodeUnknownSync(Schema.fromJsonString(ValidatorState))(readFileSync(stateFile, "utf8"))
  if (state.subnet === undefined) {
    throw new Error(`${stateFile} holds no storage index yet (has the validator run a round?)`)
  }
  return Schema.decodeUnknownSync(StorageStateSchema)(state.subnet)
}

export interface FileSummary {
  readonly id: string
  readonly name: string
  readonly size: number
  readonly sha256: string
  readonly chunks: number
  /** The fewest stored replicas of any chunk. */
  readonly copies: number
  readonly inInbox: boolean
}

/** The user's files in the index (probe files left out). */
export const listFiles = (index: StorageState): Array<FileSummary> =>
  index.files.filter((f) => f.source === "user").map((f) => ({
    id: f.id,
    name: f.name,
    size: f.size,
    sha256: f.sha256,
    chunks: f.chunks.length,
    inInbox: f.inInbox,
    copies: Math.min(...f.chunks.map((c) => c.replicas.filter((r) => r.status === "stored").length)),
  }))

/** Why a file could not be put back together. */
export class FileUnavailable extends Schema.TaggedError<FileUnavailable>()("FileUnavailable", {
  id: Schema.String,
  chunk: Schema.Int,
  tried: Schema.Int,
}) {
  override get message() {
    return `file ${this.id}: no holder returned a valid copy of chunk ${this.chunk} (${this.tried} tried). Run "subnet storage ls" to see its copies.`
  }
}

/** Fetches every chunk of `file` from a holder whose copy checks out; the inbox copy (when `dir` has it) is a fallback. */
export const fetchFile = Effect.fn("StorageClient.fetchFile")(
  function*(subnet: Subnet, index: StorageState, file: StoredFile, options: {
    readonly netuid: number
    readonly caller: string
    readonly dir?: string | undefined
    readonly timeoutMs?: number
  }) {
    const graph = yield* syncMetagraph(options.netuid)
    const offsets = file.chunks.map((_, i) => file.chunks.slice(0, i).reduce((a, c) => a + c.size, 0))
    // Chunks are fetched 4 at a time; each from the first holder whose copy checks out.
    const parts = yield* Effect.forEach(file.chunks, (chunk, n) => Effect.gen(function*() {
      let tried = 0
      for (const r of chunk.replicas) {
        const uid = graph.hotkeys.indexOf(r.hotkey)
        const axon = uid < 0 ? null : graph.axons[uid]
        if (r.status !== "stored" || axon === null || axon === undefined) continue
        tried++
        const [answer] = yield* queryMiners({
          subnet,
          kind: "retrieve",
          caller: options.caller,
          timeoutMs: options.timeoutMs ?? subnet.limits.timeoutMs,
          requests: [{ target: { uid, hotkey: r.hotkey, axon }, task: { id: replicaId(file.id, chunk.index) } }],
        })
        const data = answer?.status === "ok" ? (answer.response as { data: Uint8Array }).data : null
        const opened = data !== null && merkleRoot(data) === r.root
          ? open(index.secret, file.id, chunk.index, r.hotkey, data)
          : null
        if (opened !== null && sha256Hex(opened) === chunk.sha256) return opened as Uint8Array
      }
      if (file.inInbox && options.dir !== undefined) {
        const fallback = readInbox(options.dir, file.id).subarray(offsets[n]!, offsets[n]! + chunk.size)
        if (sha256Hex(fallback) === chunk.sha256) return fallback as Uint8Array
      }
      return yield* new FileUnavailable({ id: file.id, chunk: chunk.index, tried })
    }), { concurrency: 4 })
    const bytes = Buffer.concat(parts)
    if (sha256Hex(bytes) !== file.sha256) {
      return yield* Effect.die(new Error(`file ${file.id}: chunks check out but the whole does not`))
    }
    return bytes
  },
)
