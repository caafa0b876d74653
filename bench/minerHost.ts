/**
 * Hosts N Axons in their own process for the transport benchmark, so the validator's process measures only its own
 * side (as on real machines). Usage: node --import tsx bench/minerHost.ts <count> <signed|unsigned> <validator-address> [echo|bulk]
 * `echo` answers the body; `bulk` (8 MiB bodies) answers `{data}` as a subnet would: bytes as they are, a base64
 * string decoded and encoded again (what `Schema.Uint8ArrayFromBase64` costs, with Node's native base64). Only the
 * validator is admitted, so other callers measure refusals. Prints one JSON line `{"ports": [...]}` when listening;
 * exits when stdin closes.
 */
import { Effect } from "effect"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { startAxon } from "../packages/core/src/transport/http/Axon.ts"
import type { MinerEndpoint, WireReply } from "../packages/core/src/transport/Transport.ts"
import { defaultLimits } from "../packages/core/src/transport/Transport.ts"

const [count, mode, validator, kind = "echo"] = process.argv.slice(2)
await Effect.runPromise(keysReady)
const bulk = kind === "bulk"
const answer = (body: unknown): WireReply => {
  if (!bulk) return { status: "ok", body }
  const data = (body as { data: string | Uint8Array }).data
  return {
    status: "ok",
    body: { data: typeof data === "string" ? Buffer.from(data, "base64").toString("base64") : data },
  }
}
const endpoint = (hotkey: string): MinerEndpoint => ({
  hotkey,
  subnet: "echo",
  kinds: ["task"],
  limits: bulk ? { maxRequestBytes: 32 << 20, maxResponseBytes: 32 << 20 } : defaultLimits,
  admit: (caller) => (caller === validator ? null : `caller ${caller} is not registered`),
  priority: () => 0n,
  handle: (request) => Effect.sync(() => answer(request.body)),
})
const axons = await Promise.all(Array.from({ length: Number(count) }, (_, i) => {
  const pair = keypairFromUri(`//bench/miner/${i}`)
  return startAxon({
    endpoint: endpoint(pair.address),
    pair,
    run: Effect.runPromise,
    log: () => {},
    maxConcurrent: 64,
    ...(mode === "unsigned" ? { insecureUnsigned: { caller: validator! } } : {}),
  })
}))
process.stdout.write(JSON.stringify({ ports: axons.map((a) => a.port) }) + "\n")
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
