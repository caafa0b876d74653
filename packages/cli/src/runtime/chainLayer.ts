/**
 * The chain a command talks to: `--chain <url>` is a `subnet localnet` (the mock chain over WebSocket, the default),
 * `--network finney|test|local|ws://…` is a subtensor node through SubtensorChain; both sign with the given keys.
 */
import type { Chain, ChainUnavailable, Keypair } from "@subnetkit/core"
import { networkUrl, RemoteChain, signerLayer } from "@subnetkit/core"
import { SubtensorChain } from "@subnetkit/core/subtensor"
import { Effect, Layer } from "effect"
import { UsageError } from "../errors.ts"

export const networkHelp =
  "  --network <name|url>   a subtensor node instead: finney, test, local (ws://127.0.0.1:9944) or a ws:// URL\n"

export function chainLayer(
  args: { readonly chain: string | undefined; readonly network: string | undefined },
  keys: ReadonlyArray<Keypair>,
): Effect.Effect<{ readonly url: string; readonly layer: Layer.Layer<Chain, ChainUnavailable> }, UsageError> {
  if (args.network === undefined) {
    const url = args.chain ?? "ws://127.0.0.1:9944"
    return Effect.succeed({ url, layer: RemoteChain.layer({ url }).pipe(Layer.provide(signerLayer(keys))) })
  }
  if (args.chain !== undefined) {
    return Effect.fail(
      new UsageError("give either --chain (a subnet localnet) or --network (a subtensor node), not both"),
    )
  }
  const url = networkUrl(args.network)
  if (url === null) {
    return Effect.fail(
      new UsageError(`--network: expected finney, test, local or a ws:// / wss:// URL, got "${args.network}"`),
    )
  }
  return Effect.succeed({ url, layer: SubtensorChain.layer({ url }).pipe(Layer.provide(signerLayer(keys))) })
}
