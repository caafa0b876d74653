/**
 * `subnet localnet --chopsticks <raw-spec.json>`: the real subtensor runtime of a user-supplied raw chain spec, run
 * by chopsticks on 127.0.0.1 (see ../chopsticks/). It funds the dev accounts, makes //Alice sudo, lifts the global
 * rate limits, creates subnet 1 owned by //Alice (hotkey //Alice//owner) with a short tempo, open registration and
 * emission, and prints one JSON line {"url", "netuid", "block", "spec", "blocks"} when ready. Blocks come on demand
 * (one per transaction; `dev_newBlock` for more) or every --block-time seconds. The chain lives in memory only.
 */
import { Chain, keypairFromUri, keysReady, signerLayer } from "@subnetkit/core"
import { ChopsticksControl, SubtensorChain } from "@subnetkit/core/subtensor"
import { Effect, Exit, Layer, Scope } from "effect"
import { startChopsticks } from "../chopsticks/startChopsticks.ts"
import type { Io } from "../Io.ts"
import { UsageError } from "../Io.ts"
import { integerFlag, positiveFlag } from "../parseArgs.ts"

/** `EmissionValues` for the new subnet: 1 TAO a block, as if root weights gave it all (a dev chain has none). */
const EMISSION_RAO = 1_000_000_000n

export interface LocalnetChopsticksArgs {
  readonly spec: string
  readonly port: string | undefined
  readonly blockTime: string | undefined
  readonly tempo: string | undefined
}

export async function localnetChopsticks(args: LocalnetChopsticksArgs, io: Io, stop: Promise<unknown>): Promise<void> {
  const port = integerFlag("port", args.port, 1, 65535) ?? 9944
  const blockTime = positiveFlag("block-time", args.blockTime) ?? null
  const tempo = integerFlag("tempo", args.tempo, 1, 65535) ?? 10
  await Effect.runPromise(keysReady)
  const started = Date.now()
  const node = await startChopsticks({ spec: args.spec, port, mode: blockTime === null ? "Instant" : "Manual" }).catch(
    (e: Error) => {
      throw new UsageError(`--chopsticks ${args.spec}: ${e.message}`)
    },
  )
  const scope = Effect.runSync(Scope.make())
  try {
    const alice = keypairFromUri("//Alice")
    const owner = keypairFromUri("//Alice//owner")
    const layer = ChopsticksControl.layer.pipe(
      Layer.provideMerge(SubtensorChain.layer({ url: node.url })),
      Layer.provide(signerLayer([alice, owner])),
    )
    const context = await Effect.runPromise(Layer.buildWithScope(layer, scope))
    const setup = Effect.gen(function*() {
      const chain = yield* Chain
      const sub = yield* SubtensorChain
      // In Manual mode nothing is built until asked: build while the setup's transactions wait.
      const builder = blockTime === null
        ? null
        : setInterval(() => void Effect.runPromise(Effect.ignore(sub.rpc("dev_newBlock", [{ count: 1 }]))), 500)
      try {
        yield* ChopsticksControl.relaxRateLimits(alice.address)
        const netuid = yield* chain.createSubnet({ coldkey: alice.address, hotkey: owner.address })
        yield* chain.setHyperparameters(netuid, alice.address, {
          tempo,
          weightsRateLimit: 0,
          maxRegistrationsPerBlock: 255,
          maxWeightLimit: 65535,
          minAllowedWeights: 1,
        })
        yield* ChopsticksControl.setSubnetEmission(netuid, EMISSION_RAO)
        return { netuid, block: yield* chain.currentBlock, spec: sub.api.runtimeVersion.specVersion.toNumber() }
      } finally {
        if (builder !== null) clearInterval(builder)
      }
    })
    const ready = await Effect.runPromise(setup.pipe(Effect.provide(context)))
    let timer: NodeJS.Timeout | null = null
    if (blockTime !== null) {
      let building = false
      const sub = context.mapUnsafe.get(SubtensorChain.key) as SubtensorChain["Service"]
      timer = setInterval(() => {
        if (building) return // a slow block is not stacked with the next
        building = true
        void Effect.runPromise(Effect.ignore(sub.rpc("dev_newBlock", [{ count: 1 }]))).finally(() => (building = false))
      }, blockTime * 1000)
    }
    io.stdout(
      JSON.stringify({
        url: node.url,
        ...ready,
        blocks: blockTime === null ? "on demand" : `every ${blockTime} s`,
        pid: node.pid,
        startupMs: Date.now() - started,
      }) + "\n",
    )
    io.stderr(
      `localnet: subtensor spec ${ready.spec} under chopsticks at ${node.url}, subnet ${ready.netuid}. Ctrl-C to stop.\n`,
    )
    await stop
    if (timer !== null) clearInterval(timer)
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    await node.stop()
  }
  io.stderr("localnet: stopped (the chopsticks chain is in memory only)\n")
}
