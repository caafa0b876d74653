/**
 * Records the offline fixtures of SubtensorChain's tests from a real subtensor runtime: its metadata (v15, as
 * `@polkadot/api` reads it) and the raw answers of a small subnet (the neuron runtime API, full and light, and the
 * storage items a snapshot reads besides them). How they were made:
 *
 *   npx tsx packages/cli/scripts/record-metadata.ts <raw-spec.json> <name>
 *
 * with the raw specs from the public opentensor/subtensor repository (not shipped here): `scripts/specs/local.json` at
 * commit f7553e267 (spec 185) → name `spec185`, and `scripts/specs/raonet.json` blob b485aab (spec 218) → `spec218`.
 * It starts chopsticks on the spec, creates a subnet owned by //Alice (owner hotkey //Alice//hot), registers a
 * validator (//Bob, hotkey //Bob//hot, 100 TAO stake) and a miner (//Charlie, //Charlie//hot, axon 127.0.0.2:8091),
 * runs an epoch, sets the validator's weights on the miner, runs another, and writes
 * packages/core/src/chain/subtensor/fixtures/<name>.json.gz.
 */
import {
  Chain,
  ChainControl,
  ChopsticksControl,
  keypairFromUri,
  keysReady,
  signerLayer,
  SubtensorChain,
} from "@subnetkit/core"
import { Effect, Layer } from "effect"
import { writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { gzipSync } from "node:zlib"
import { netuidArg } from "../../core/src/chain/subtensor/readSubnet.ts"
import { startChopsticks } from "../src/chopsticks/startChopsticks.ts"

const [spec, name] = process.argv.slice(2)
if (spec === undefined || name === undefined) throw new Error("usage: record-metadata.ts <raw-spec.json> <name>")
const TAO = 1_000_000_000n
const u8aToHex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}`

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port
    server.close(() => resolve(port))
  })
})

await Effect.runPromise(keysReady)
const keys = ["//Alice", "//Alice//hot", "//Bob", "//Bob//hot", "//Charlie", "//Charlie//hot"].map(keypairFromUri)
const [alice, aliceHot, bob, bobHot, charlie, charlieHot] = keys.map((k) => k.address) as [
  string,
  string,
  string,
  string,
  string,
  string,
]
const node = await startChopsticks({ spec, port: await freePort(), mode: "Instant" })
try {
  const layer = ChopsticksControl.layer.pipe(
    Layer.provideMerge(SubtensorChain.layer({ url: node.url })),
    Layer.provide(signerLayer(keys)),
  )
  const fixture = await Effect.runPromise(
    Effect.gen(function*() {
      const chain = yield* Chain
      const sub = yield* SubtensorChain
      const control = yield* ChainControl
      for (const hot of [bobHot, charlieHot]) yield* control.fund(hot, 1_000n * TAO)
      yield* ChopsticksControl.relaxRateLimits(alice)
      const netuid = yield* chain.createSubnet({ coldkey: alice, hotkey: aliceHot })
      yield* chain.setHyperparameters(netuid, alice, { tempo: 10, weightsRateLimit: 0, maxRegistrationsPerBlock: 255 })
      yield* chain.burnedRegister({ netuid, coldkey: bob, hotkey: bobHot })
      const minerUid = yield* chain.burnedRegister({ netuid, coldkey: charlie, hotkey: charlieHot })
      yield* chain.addStake({ netuid, coldkey: bob, hotkey: bobHot, amountRao: 100n * TAO })
      yield* chain.serveAxon({ netuid, hotkey: charlieHot, ip: "127.0.0.2", port: 8091 })
      yield* control.advance(12)
      yield* chain.setWeights({ netuid, hotkey: bobHot, uids: [minerUid], weights: [65535], versionKey: 0 })
      yield* control.advance(12)
      const head = yield* Effect.promise(() => sub.api.rpc.chain.getHeader())
      const hash = head.hash.toHex()
      const call = (method: string) =>
        Effect.promise(() => sub.api.rpc.state.call(`NeuronInfoRuntimeApi_${method}`, netuidArg(netuid), hash))
      const storage = (item: string, ...args: Array<unknown>) =>
        Effect.promise(async () =>
          u8aToHex((await (await sub.api.at(hash)).query["subtensorModule"]![item]!(...args)).toU8a())
        )
      const q = sub.api.query["subtensorModule"]!
      return {
        spec: sub.api.runtimeVersion.specVersion.toNumber(),
        block: head.number.toNumber(),
        netuid,
        metadata: sub.api.runtimeMetadata.toHex(),
        neurons: u8aToHex((yield* call("get_neurons")).toU8a(true)),
        neuronsLite: u8aToHex((yield* call("get_neurons_lite")).toU8a(true)),
        storage: {
          tempo: yield* storage("tempo", netuid),
          subnetOwner: yield* storage("subnetOwner", netuid),
          subnetOwnerHotkey: q["subnetOwnerHotkey"] === undefined ? null : yield* storage("subnetOwnerHotkey", netuid),
          blockAtRegistration: yield* Effect.forEach(
            [0, 1, 2],
            (uid) => Effect.map(storage("blockAtRegistration", netuid, uid), (hex) => [uid, hex] as const),
          ),
        },
      }
    }).pipe(Effect.scoped, Effect.provide(layer)),
  )
  const path = new URL(`../../core/src/chain/subtensor/fixtures/${name}.json.gz`, import.meta.url)
  writeFileSync(path, gzipSync(JSON.stringify(fixture, null, 1)))
  console.log(`wrote ${path.pathname}: spec ${fixture.spec}, block ${fixture.block}, netuid ${fixture.netuid}`)
} finally {
  await node.stop()
}
