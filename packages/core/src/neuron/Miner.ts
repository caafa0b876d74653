/**
 * The miner runtime: serve the subnet's handler through the `Transport`, announce the address on chain, and keep
 * the metagraph the caller policy judges requests by up to date.
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { Transport } from "../transport/Transport.ts"
import type { CallerPolicy } from "./minerEndpoint.ts"
import { defaultCallerPolicy, minerEndpoint } from "./minerEndpoint.ts"

export interface MinerOptions {
  readonly netuid: number
  readonly hotkey: string
  readonly policy?: CallerPolicy
  /** Re-read the metagraph every this many blocks in `run` (default 10). */
  readonly syncEveryBlocks?: number
}

/** Serves until the scope closes. Returns the served address, a `sync` to refresh the metagraph now, and `run`. */
export const serveMiner = Effect.fn("Miner.serve")(function*<Task, Response>(subnet: Subnet<Task, Response>, options: MinerOptions) {
  const chain = yield* Chain
  const transport = yield* Transport
  let graph: Metagraph | undefined = yield* syncMetagraph(options.netuid)
  const endpoint = minerEndpoint({ subnet, hotkey: options.hotkey, policy: options.policy ?? defaultCallerPolicy, metagraph: () => graph })
  const address = yield* transport.serve(endpoint)
  yield* chain.serveAxon({ netuid: options.netuid, hotkey: options.hotkey, ip: address.ip, port: address.port, version: subnet.versionKey })
  const sync = Effect.map(syncMetagraph(options.netuid), (g) => void (graph = g))
  const every = options.syncEveryBlocks ?? 10
  const run = Effect.forever(Effect.gen(function*() {
    yield* sync
    yield* chain.waitForBlock((yield* chain.currentBlock) + every)
  }))
  return { address, sync, run }
})
