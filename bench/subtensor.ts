/**
 * SubtensorChain on chopsticks (SUBTENSOR_SPEC = a subtensor raw chain spec, e.g. spec 185): metagraph sync time for
 * a 256-neuron subnet, light (no weights and bonds) and full (8 validators with a weight on every uid), and one
 * extrinsic's round trip from signing to inclusion (chopsticks builds a block per transaction). Skipped without a
 * spec. Wall times on a shared machine: compare the light/full ratio and the client CPU, not absolute milliseconds.
 */
import { Effect, Layer } from "effect"
import { createServer } from "node:net"
import { startChopsticks } from "../packages/cli/src/chopsticks/startChopsticks.ts"
import { Chain, ChainControl, keypairFromUri, keysReady, signerLayer } from "../packages/core/src/index.ts"
import { ChopsticksControl, SubtensorChain } from "../packages/core/src/subtensor.ts"

export interface SubtensorBench {
  readonly neurons: number
  readonly lightMedianMs: number
  readonly fullMedianMs: number
  readonly lightCpuMs: number
  readonly fullCpuMs: number
  readonly weightEntries: number
  readonly roundTripMedianMs: number
  readonly roundTripMaxMs: number
  readonly spec: number
}

const N = 256
const VALIDATORS = 8
const TAO = 1_000_000_000n

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port
    server.close(() => resolve(port))
  })
})
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function benchSubtensor(): Promise<SubtensorBench | string> {
  const spec = process.env["SUBTENSOR_SPEC"]
  if (spec === undefined) {
    return "skipped: set SUBTENSOR_SPEC=<subtensor raw chain spec> (e.g. spec 185's scripts/specs/local.json)"
  }
  await Effect.runPromise(keysReady)
  const node = await startChopsticks({ spec, port: await freePort(), mode: "Instant" })
  try {
    const alice = keypairFromUri("//Alice")
    const owner = keypairFromUri("//Alice//bench")
    const validators = Array.from({ length: VALIDATORS }, (_, i) => keypairFromUri(`//Bench//v${i}`))
    const hotkeys = [
      ...validators.map((k) => k.address),
      ...Array.from({ length: N - 1 - VALIDATORS }, (_, i) => keypairFromUri(`//Bench//m${i}`).address),
    ]
    const layer = ChopsticksControl.layer.pipe(
      Layer.provideMerge(SubtensorChain.layer({ url: node.url, timeoutMs: 300_000 })),
      Layer.provide(signerLayer([alice, owner, ...validators])),
    )
    return await Effect.runPromise(
      Effect.gen(function*() {
        const chain = yield* Chain
        const sub = yield* SubtensorChain
        const control = yield* ChainControl
        yield* ChopsticksControl.relaxRateLimits(alice.address)
        const netuid = yield* chain.createSubnet({ coldkey: alice.address, hotkey: owner.address })
        yield* chain.setHyperparameters(netuid, alice.address, {
          tempo: 10,
          weightsRateLimit: 0,
          maxRegistrationsPerBlock: 255,
          maxAllowedUids: N,
        })
        // Registrations in batches (one block each) so that setting up 256 uids takes seconds, not minutes.
        for (let i = 0; i < hotkeys.length; i += 64) {
          const batch = hotkeys.slice(i, i + 64).map((h) => sub.calls.burnedRegister(netuid, h))
          yield* sub.submit(alice.address, sub.calls.batchAll(batch), "register a batch")
        }
        for (const v of validators) {
          yield* control.fund(v.address, 10n * TAO)
          yield* chain.addStake({ netuid, coldkey: alice.address, hotkey: v.address, amountRao: 100n * TAO })
        }
        yield* control.advance(12) // an epoch: the staked validators get permits
        const uids = Array.from({ length: N }, (_, i) => i)
        const roundTrips: Array<number> = []
        for (const v of validators) {
          const start = performance.now()
          yield* chain.setWeights({
            netuid,
            hotkey: v.address,
            uids,
            weights: uids.map((u) => 1 + ((u * 7919) % 65535)),
            versionKey: 0,
          })
          roundTrips.push(performance.now() - start)
        }
        const time = (detail: "light" | "full") =>
          Effect.gen(function*() {
            const walls: Array<number> = []
            const cpus: Array<number> = []
            let entries = 0
            for (let r = 0; r < 5; r++) {
              const cpu = process.cpuUsage()
              const start = performance.now()
              // ChainShape's optional detail parameter (light/full) arrives with the signed-chain change on main.
              const s = yield* (chain.subnetState as (
                netuid: number,
                detail?: "light" | "full",
              ) => typeof chain.subnetState extends (n: number) => infer R ? R : never)(netuid, detail)
              walls.push(performance.now() - start)
              const used = process.cpuUsage(cpu)
              cpus.push((used.user + used.system) / 1000)
              if (s.neurons.length !== N) throw new Error(`expected ${N} neurons, got ${s.neurons.length}`)
              entries = s.neurons.reduce((sum, n) => sum + n.weights.length, 0)
            }
            return { wall: median(walls), cpu: median(cpus), entries }
          })
        // One untimed read of each first: the first read at a new block decorates its metadata and compiles the decoder.
        yield* time("light")
        yield* time("full")
        const light = yield* time("light")
        const full = yield* time("full")
        return {
          neurons: N,
          lightMedianMs: light.wall,
          fullMedianMs: full.wall,
          lightCpuMs: light.cpu,
          fullCpuMs: full.cpu,
          weightEntries: full.entries,
          roundTripMedianMs: median(roundTrips),
          roundTripMaxMs: Math.max(...roundTrips),
          spec: sub.api.runtimeVersion.specVersion.toNumber(),
        }
      }).pipe(Effect.scoped, Effect.provide(layer)),
    )
  } finally {
    await node.stop()
  }
}
