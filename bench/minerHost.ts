/**
 * Hosts N echo Axons in their own process for the transport benchmark, so the validator's process measures only its
 * own side (as on real machines). Usage: node --import tsx bench/minerHost.ts <count> <signed|unsigned> <validator-address>
 * Prints one JSON line `{"ports": [...]}` when listening; exits when stdin closes.
 */
import { Effect } from "effect"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { startAxon } from "../packages/core/src/transport/http/Axon.ts"
import type { MinerEndpoint } from "../packages/core/src/transport/Transport.ts"
import { defaultLimits } from "../packages/core/src/transport/Transport.ts"

const [count, mode, validator] = process.argv.slice(2)
await Effect.runPromise(keysReady)
const echo = (hotkey: string): MinerEndpoint => ({
  hotkey, subnet: "echo", kinds: ["task"], limits: defaultLimits, admit: () => null, priority: () => 0n, handle: (request) => Effect.succeed({ status: "ok", body: request.body }),
})
const axons = await Promise.all(Array.from({ length: Number(count) }, (_, i) => {
  const pair = keypairFromUri(`//bench/miner/${i}`)
  return startAxon({
    endpoint: echo(pair.address), pair, run: Effect.runPromise, log: () => {}, maxConcurrent: 64,
    ...(mode === "unsigned" ? { insecureUnsigned: { caller: validator! } } : {}),
  })
}))
process.stdout.write(JSON.stringify({ ports: axons.map((a) => a.port) }) + "\n")
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
