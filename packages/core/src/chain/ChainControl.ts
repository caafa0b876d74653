/**
 * What a test (or a local network) needs beyond the `Chain` calls: make blocks and fund accounts. The mock chain
 * provides it directly; a localnet client signs these with the sudo key from its `Signer`; a real-chain harness
 * provides it with dev accounts and block production.
 */
import { Context } from "effect"
import type { Methods } from "./ChainCall.ts"
import type { controlCalls } from "./chainCalls.ts"

/** `advance` and `fund`, as declared in `chainCalls.ts`. */
export class ChainControl extends Context.Service<ChainControl, Methods<typeof controlCalls>>()(
  "subnetkit/core/chain/ChainControl",
) {}
