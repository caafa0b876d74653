/**
 * Binary payloads (issue 11): a signed 8 MiB request and an 8 MiB answer over HTTP and WebSocket, carried two ways —
 * base64 inside JSON (what a subnet gets with `Schema.Uint8ArrayFromBase64`; encoded and decoded here with Node's
 * native base64, the best case for it) and the `WireBody` frame (raw bytes after a JSON header). MB/s counts the
 * payload both ways (16.8 MB per round trip) against the wall time of the round trip, signing and checks included.
 */
import { Effect } from "effect"
import { randomBytes } from "node:crypto"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import { startMinerHost } from "./transport.ts"

export interface FramingBench {
  readonly payloadBytes: number
  readonly rounds: number
  /** MB/s, by protocol and framing. */
  readonly mbPerSecond: {
    readonly http: { readonly base64: number; readonly frame: number }
    readonly ws: { readonly base64: number; readonly frame: number }
  }
}

export async function benchFraming(rounds = 6, payloadBytes = 8 << 20): Promise<FramingBench> {
  await Effect.runPromise(keysReady)
  const validator = keypairFromUri("//bench/validator")
  const miner = keypairFromUri("//bench/miner/0")
  const host = await startMinerHost(1, true, validator.address, "bulk")
  const payload = randomBytes(payloadBytes)
  const address = { ip: "127.0.0.1", port: host.ports[0]! }
  const once = async (dendrite: Dendrite, framing: "base64" | "frame") => {
    const data = framing === "base64"
      ? payload.toString("base64")
      : new Uint8Array(payload.buffer, payload.byteOffset, payload.length)
    const reply = await dendrite.call(
      address,
      { subnet: "echo", kind: "task", caller: validator.address, target: miner.address, body: { data } },
      { timeoutMs: 60_000, maxResponseBytes: 32 << 20 },
    )
    if (reply.status !== "ok") {
      throw new Error(`framing bench (${framing}) failed: ${JSON.stringify(reply).slice(0, 300)}`)
    }
    const back = (reply.body as { data: string | Uint8Array }).data
    const bytes = typeof back === "string" ? Buffer.from(back, "base64") : back
    if (bytes.byteLength !== payloadBytes) {
      throw new Error(`framing bench (${framing}): ${bytes.byteLength} bytes came back`)
    }
    return bytes
  }
  const measure = async (protocol: "http" | "ws", framing: "base64" | "frame") => {
    const dendrite = new Dendrite({ keys: [validator], protocol, maxAnswerBytes: 32 << 20 })
    const first = await once(dendrite, framing) // warm-up, and the bytes must come back exactly
    if (!Buffer.from(first).equals(payload)) {
      throw new Error(`framing bench (${framing}, ${protocol}): the bytes differ`)
    }
    await once(dendrite, framing)
    const t0 = performance.now()
    for (let r = 0; r < rounds; r++) await once(dendrite, framing)
    const seconds = (performance.now() - t0) / 1000
    dendrite.close()
    return (2 * payloadBytes * rounds) / seconds / 1e6
  }
  try {
    const http = { base64: await measure("http", "base64"), frame: await measure("http", "frame") }
    const ws = { base64: await measure("ws", "base64"), frame: await measure("ws", "frame") }
    return { payloadBytes, rounds, mbPerSecond: { http, ws } }
  } finally {
    host.stop()
  }
}
