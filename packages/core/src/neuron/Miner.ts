/**
 * The miner runtime, for a process and for every simulated miner alike: serve the subnet's handlers through the
 * `Transport`, announce the address on chain, and keep the metagraph the caller policy judges requests by up to date
 * (or read one the caller shares, as a simulation does for all its miners).
 */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { Transport } from "../transport/Transport.ts"
import type { CallerPolicy } from "./minerEndpoint.ts"
import { defaultCallerPolicy, minerEndpoint } from "./minerEndpoint.ts"
import type { OnChainUnavailable } from "./retry.ts"
import { whileChainUnavailable } from "./retry.ts"

export interface MinerOptions {
  readonly netuid: number
  readonly hotkey: string
  readonly policy?: CallerPolicy
  /** Re-read the metagraph every this many blocks in `run` (default 10). */
  readonly syncEveryBlocks?: number
  /** A metagraph kept by the caller instead of the miner's own (then `sync` and `run` do nothing). */
  readonly metagraph?: () => Metagraph | undefined
  /** This hotkey's data directory (`ctx.dataDir`; default: a fresh temporary one). */
  readonly dataDir?: string
  /** The subnet's resolved settings (`ctx.config`; default: its defaults). */
  readonly config?: unknown
}

/** Serves until the scope closes. Returns the served address, a `sync` to refresh the metagraph now, and `run`. */
export const serveMiner = Effect.fn("Miner.serve")(
  function*<Task, Response>(subnet: Subnet<Task, Response>, options: MinerOptions) {
    const chain = yield* Chain
    const transport = yield* Transport
    const shared = options.metagraph
    let graph: Metagraph | undefined = shared === undefined ? yield* syncMetagraph(options.netuid, "light") : undefined
    const endpoint = minerEndpoint({
      subnet,
      hotkey: options.hotkey,
      policy: options.policy ?? defaultCallerPolicy,
      metagraph: shared ?? (() => graph),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.config === undefined ? {} : { config: options.config }),
    })
    const address = yield* transport.serve(endpoint)
    yield* chain.serveAxon({
      netuid: options.netuid,
      hotkey: options.hotkey,
      ip: address.ip,
      port: address.port,
      version: subnet.versionKey,
    })
    const sync = shared === undefined
      ? Effect.map(syncMetagraph(options.netuid, "light"), (g) => void (graph = g))
      : Effect.void
    const every = options.syncEveryBlocks ?? 10
    /** Keeps the metagraph fresh, forever; waits out an unavailable chain. */
    const run = (onChainUnavailable?: OnChainUnavailable) =>
      Effect.forever(whileChainUnavailable(
        Effect.gen(function*() {
          yield* sync
          yield* chain.waitForBlock((yield* chain.currentBlock) + every)
        }),
        onChainUnavailable,
      ))
    return { address, sync, run }
  },
)
