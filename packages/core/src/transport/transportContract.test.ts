import { Effect } from "effect"
import { beforeAll } from "vitest"
import type { Keypair } from "../keys/Keys.ts"
import { keypairFromUri, keysReady } from "../keys/Keys.ts"
import * as HttpTransport from "./HttpTransport.ts"
import * as InProcessTransport from "./InProcessTransport.ts"
import { transportContract } from "./Transport.contract.ts"

let miner: Keypair
let validator: Keypair
beforeAll(async () => {
  await Effect.runPromise(keysReady)
  miner = keypairFromUri("//contract/miner")
  validator = keypairFromUri("//contract/validator")
})

transportContract("in-process", () => InProcessTransport.layer(), () => ["miner-hot", "validator-hot"], true)
transportContract(
  "HTTP",
  () => HttpTransport.layer({ keys: [miner, validator], axon: { log: () => {} } }),
  () => [miner.address, validator.address],
  false,
)
transportContract(
  "WebSocket",
  () => HttpTransport.layer({ keys: [miner, validator], protocol: "ws", axon: { log: () => {} } }),
  () => [miner.address, validator.address],
  true,
)
