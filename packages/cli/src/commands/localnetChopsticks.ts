/**
 * `subnet localnet --chopsticks <raw-spec.json>`: the real subtensor runtime of a user-supplied raw chain spec, run
 * by chopsticks on 127.0.0.1 (see ../chopsticks/). It funds the dev accounts, makes //Alice sudo, lifts the global
 * rate limits, creates subnet 1 owned by //Alice (hotkey //Alice//owner) with a short tempo, open registration and
 * emission, and prints one JSON line {"url", "netuid", "block", "spec", "blocks"} when ready. Blocks come on demand
 * (one per transaction; `dev_newBlock` for more) or every --block-time seconds. The chain lives in memory only.
 * The node, the connection and the block timer live in one scope, closed in reverse order when the command stops.
 */
import { Chain, ChainControl, keypairFromUri, keysReady, signerLayer } from "@subnetkit/core"
import { ChopsticksControl, SubtensorChain } from "@subnetkit/core/subtensor"
import type { Duration } from "effect"
import { Effect, Exit, Layer, Schedule } from "effect"
import { startChopsticks } from "../chopsticks/startChopsticks.ts"
import { UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { stopped } from "../Io.ts"
import type { Args } from "./options.ts"

/** `EmissionValues` for the new subnet: 1 TAO a block, as if root weights gave it all (a dev chain has none). */
const EMISSION_RAO = 1_000_000_000n

/** One `dev_newBlock` after another every `every` (a slow block is never stacked with the next), until interrupted. */
const produceBlocks = (every: Duration.Input) =>
  Effect.gen(function*() {
    const sub = yield* SubtensorChain
    yield* Effect.ignore(sub.rpc("dev_newBlock", [{ count: 1 }])).pipe(Effect.repeat(Schedule.spaced(every)))
    return yield* Effect.never
  })

/** A fresh chopsticks chain as subnetkit's localnet: rate limits lifted, subnet 1 with `tempo` and emission. */
const setUp = (tempo: number, owner: string, sudo: string) =>
  Effect.gen(function*() {
    const chain = yield* Chain
    const sub = yield* SubtensorChain
    yield* ChopsticksControl.relaxRateLimits(sudo)
    const netuid = yield* chain.createSubnet({ coldkey: sudo, hotkey: owner })
    yield* chain.setHyperparameters(netuid, sudo, {
      tempo,
      weightsRateLimit: 0,
      maxRegistrationsPerBlock: 255,
      maxWeightLimit: 65535,
      minAllowedWeights: 1,
    })
    yield* ChopsticksControl.setSubnetEmission(netuid, EMISSION_RAO)
    return { netuid, block: yield* chain.currentBlock, spec: sub.api.runtimeVersion.specVersion.toNumber() }
  })

export const localnetChopsticks = (spec: string, args: Args<"localnet">, io: Io) =>
  Effect.gen(function*() {
    const stopping = stopped(io) // listening from the start: a signal while it starts up stops it cleanly too
    const port = args.port ?? 9944
    if (port === 0) return yield* new UsageError(`--port: expected an integer in [1, 65535], got "0"`)
    const blockTime = args.blockTime ?? null
    yield* keysReady
    const started = Date.now()
    const node = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => startChopsticks({ spec, port, mode: blockTime === null ? "Instant" : "Manual" }),
        catch: (e) => new UsageError(`--chopsticks ${spec}: ${(e as Error).message}`),
      }),
      (node, exit) =>
        Effect.promise(() => node.stop()).pipe(
          Effect.andThen(Effect.sync(() => {
            if (Exit.isSuccess(exit)) io.stderr("localnet: stopped (the chopsticks chain is in memory only)\n")
          })),
        ),
    )
    const alice = keypairFromUri("//Alice")
    const owner = keypairFromUri("//Alice//owner")
    const context = yield* Layer.build(
      ChopsticksControl.layer.pipe(
        Layer.provideMerge(SubtensorChain.layer({ url: node.url })),
        Layer.provide(signerLayer([alice, owner])),
      ),
    )
    const inChain = <A, E>(effect: Effect.Effect<A, E, Chain | SubtensorChain | ChainControl>) =>
      Effect.provide(effect, context)
    // In Manual mode nothing is built until asked: build while the setup's transactions wait, then at --block-time.
    const ready = yield* inChain(
      blockTime === null
        ? setUp(args.tempo ?? 10, owner.address, alice.address)
        : Effect.raceFirst(setUp(args.tempo ?? 10, owner.address, alice.address), produceBlocks("500 millis")),
    )
    if (blockTime !== null) yield* Effect.forkScoped(inChain(produceBlocks(`${blockTime * 1000} millis`)))
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
    yield* Effect.promise(() => stopping)
  }).pipe(Effect.scoped)
