/** The miner's disk: a size cap with a clear refusal, data that survives a restart, and oversized chunks refused. */
import { devSignerLayer, InProcessTransport, minerContext, MockChain, Transport } from "@subnetkit/core"
import { Cause, Effect, Layer, Schema } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it, vi } from "vitest"
import { getChunk, putChunk, usedBytes } from "./minerStore.ts"
import { makeStorageSubnet } from "./storageSubnet.ts"
import { MAX_REPLICA_BYTES, StoreTask } from "./task.ts"

const fresh = () => mkdtempSync(join(tmpdir(), "storage-miner-"))

describe("miner store", () => {
  it("error: a write over the cap is refused with a message naming the sizes and the setting", async () => {
    const dir = fresh()
    await putChunk(dir, "validator", "a-0", Buffer.alloc(600), 1000)
    const error = await putChunk(dir, "validator", "a-1", Buffer.alloc(500), 1000).catch((e) => e)
    expect(String(error)).toMatchInlineSnapshot(
      `"StorageFull: storage full: writing 500 bytes would use 1100 of this miner's 1000-byte cap (raise SUBNET_STORAGE_CAP_BYTES or free space)"`,
    )
    // Replacing a replica counts only the difference.
    await putChunk(dir, "validator", "a-0", Buffer.alloc(900), 1000)
    expect(usedBytes(dir)).toBe(900)
  })

  it("behavior: the handler refuses over the cap through the subnet's store kind, and the answer says why", async () => {
    const subnet = makeStorageSubnet({ capBytes: 100 })
    const ctx = minerContext({ hotkey: "m", kind: "store", dataDir: fresh() })
    const exit = await Effect.runPromiseExit(subnet.kinds.store!.miner({ id: "f-0", data: Buffer.alloc(101) }, ctx))
    // The first line of the cause is what the miner endpoint sends back as the answer's detail.
    expect(exit._tag === "Failure" && Cause.pretty(exit.cause).split("\n")[0]).toContain(
      "StorageFull: storage full: writing 101 bytes would use 101 of this miner's 100-byte cap",
    )
  })

  it("behavior: a restarted miner (a fresh process's empty cache) counts its data from disk and serves it", async () => {
    const dir = fresh()
    await putChunk(dir, "validator", "b-0", Buffer.from("kept across restarts"), 1 << 20)
    vi.resetModules()
    const { usedBytes: recount, getChunk: read } = await import("./minerStore.ts")
    expect(recount).not.toBe(usedBytes) // a fresh module: nothing cached
    expect(recount(dir)).toBe(20)
    expect(Buffer.from(await read(dir, "validator", "b-0")).toString()).toBe("kept across restarts")
    await expect(getChunk(dir, "validator", "b-1")).rejects.toThrow("no replica b-1 is stored here")
    // Kept per caller: another validator's id space is its own.
    await expect(getChunk(dir, "other-validator", "b-0")).rejects.toThrow("no replica")
  })

  it("error: an oversized chunk is refused by the schema and, over the byte limit, by the transport (413)", async () => {
    expect(() => Schema.decodeUnknownSync(StoreTask)({ id: "c-0", data: new Uint8Array(MAX_REPLICA_BYTES + 1) }))
      .toThrow()
    expect(Schema.decodeUnknownSync(StoreTask)({ id: "c-0", data: new Uint8Array(MAX_REPLICA_BYTES) }).data.length)
      .toBe(MAX_REPLICA_BYTES)
    const subnet = makeStorageSubnet()
    const replies = await Effect.runPromise(
      Effect.gen(function*() {
        const transport = yield* Transport
        const endpoint = {
          hotkey: "m",
          subnet: "storage",
          kinds: ["store"],
          limits: subnet.limits,
          admit: () => null,
          priority: () => 0n,
          handle: () => Effect.succeed({ status: "ok" as const, body: { root: "" } }),
        }
        const address = yield* transport.serve(endpoint)
        const call = (bytes: number) =>
          transport.call(
            address,
            {
              subnet: "storage",
              kind: "store",
              caller: "v",
              target: "m",
              body: { id: "c-0", data: new Uint8Array(bytes) },
            },
            { timeoutMs: 1000 },
          )
        return [yield* call(subnet.limits.maxRequestBytes + 1), yield* call(MAX_REPLICA_BYTES)]
      }).pipe(
        Effect.provide(Layer.merge(InProcessTransport.layer(), MockChain.layer().pipe(Layer.provide(devSignerLayer)))),
        Effect.scoped,
      ),
    )
    expect(replies[0]).toMatchObject({ status: "refused", code: "too-large" })
    expect(replies[1]).toMatchObject({ status: "ok" })
  })
})
