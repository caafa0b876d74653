/**
 * The in-process mock chain as the `Chain` service, plus `MockChain` controls the real chain does not have: produce
 * blocks on demand (or on a timer), fund accounts, and save / load the whole state as a JSON file.
 *
 * Like every chain layer it needs a `Signer`: a mutating call runs only when the signer holds the key of the account
 * it acts for, else it fails with `BadOrigin` (nothing is sent anywhere, so holding the key is the whole check).
 * Tests provide `devSignerLayer`; the controls (`advance`, `fund`) are the in-process owner's and need no key.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { Context, Duration, Effect, Layer, Schema } from "effect"
import { readFile } from "node:fs/promises"
import { writeFileAtomic } from "../io/writeFileAtomic.ts"
import { Chain } from "./Chain.ts"
import { implementCalls } from "./ChainCall.ts"
import { chainCalls } from "./chainCalls.ts"
import { ChainControl } from "./ChainControl.ts"
import { ChainError } from "./ChainError.ts"
import * as ChainHead from "./ChainHead.ts"
import type { ChainData } from "./mock/ChainData.ts"
import type { GenesisOptions } from "./mock/ChainData.ts"
import { decodeChainData, encodeChainData } from "./mock/ChainData.ts"
import { MockChainState, runCall } from "./mock/MockChainState.ts"
import type { EpochPayout } from "./mock/runEpoch.ts"
import { Signer } from "./Signer.ts"

/** A snapshot file that cannot be read or does not hold a valid chain state. */
export class SnapshotError extends Schema.TaggedError<SnapshotError>()("SnapshotError", {
  path: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `Cannot use chain snapshot ${this.path}: ${this.detail}`
  }
}

export interface MockChainShape {
  /** Produces `blocks` blocks (running any epoch that falls due); returns the epochs' payouts. */
  readonly advance: (blocks?: number) => Effect.Effect<ReadonlyArray<EpochPayout>>
  /** Credits free balance (a faucet). */
  readonly fund: (coldkey: string, rao: bigint) => Effect.Effect<void, ChainError>
  /** A deep copy of the whole state. */
  readonly state: Effect.Effect<ChainData>
  /** Writes the state to `path` atomically. */
  readonly save: (path: string) => Effect.Effect<void, SnapshotError>
  /** Payouts of every epoch so far, oldest first. */
  readonly payouts: Effect.Effect<ReadonlyArray<EpochPayout>>
}

export interface MockChainOptions extends GenesisOptions {
  /** Produce a block every this many milliseconds (Effect `Clock` time); omit to drive blocks with `advance`. */
  readonly blockTimeMs?: number
  /** Custom mechanisms a subnet can name. */
  readonly mechanisms?: Readonly<Record<string, Mechanism>>
  /** The mechanism of subnets created by `createSubnet` (default "yuma": Yuma with the subnet's hyperparameters). */
  readonly defaultMechanism?: string
  /** Start from this state instead of genesis. */
  readonly from?: ChainData
}

export class MockChain extends Context.Service<MockChain, MockChainShape>()("subnetkit/core/chain/MockChain") {
  /** A fresh mock chain (or one restored from `options.from`), as both `Chain` and `MockChain`. */
  static layer(options: MockChainOptions = {}): Layer.Layer<Chain | ChainControl | MockChain, never, Signer> {
    return Layer.effectContext(make(options))
  }

  /** A mock chain restored from a snapshot file written by `save`. */
  static layerFromFile(
    path: string,
    options: Omit<MockChainOptions, "from"> = {},
  ): Layer.Layer<Chain | ChainControl | MockChain, SnapshotError, Signer> {
    return Layer.effectContext(Effect.flatMap(loadSnapshot(path), (from) => make({ ...options, from })))
  }
}

/** Reads and checks a snapshot file. */
export const loadSnapshot = Effect.fn("MockChain.loadSnapshot")(function*(path: string) {
  const text = yield* Effect.tryPromise({
    try: () => readFile(path, "utf8"),
    catch: (e) => new SnapshotError({ path, detail: (e as Error).message }),
  })
  return yield* Effect.try({
    try: () => decodeChainData(text),
    catch: (e) => new SnapshotError({ path, detail: String(e).replace(/\s+/g, " ") }),
  })
})

const make = (options: MockChainOptions) =>
  Effect.gen(function*() {
    const signer = yield* Signer
    const state = options.from
      ? MockChainState.fromData(options.from, options.mechanisms, options.defaultMechanism)
      : MockChainState.genesis(options, options.mechanisms, options.defaultMechanism)
    const head = yield* ChainHead.make(state.block)
    const history: Array<EpochPayout> = []

    /** Runs a state-machine call; a refusal becomes the typed failure, anything else is a defect. */
    const call = <A>(f: () => A): Effect.Effect<A, ChainError> =>
      Effect.try({ try: f, catch: (e) => e }).pipe(
        Effect.catch((e) => (e instanceof ChainError ? Effect.fail(e) : Effect.die(e))),
      )
    /** A mutating call acting for `account`: only with its key, else `BadOrigin` before anything changes. */
    const signed = <A>(account: string, f: () => A): Effect.Effect<A, ChainError> =>
      Effect.flatMap(signer.keypairFor(account), () => call(f))

    const advance = (blocks = 1) =>
      Effect.gen(function*() {
        const payouts = state.advance(blocks)
        history.push(...payouts)
        yield* head.advanceTo(state.block)
        return payouts
      })

    if (options.blockTimeMs !== undefined) {
      yield* Effect.forkScoped(
        Effect.forever(Effect.andThen(Effect.sleep(Duration.millis(options.blockTimeMs)), advance(1))),
      )
    }

    // Every chain call is the state's entry point of the same name, a signed one run only with its account's key.
    const calls = implementCalls(chainCalls, (name, declared) => {
      if (declared.kind === "wait") return ([block]) => head.waitFor(block as number)
      const run = (params: ReadonlyArray<unknown>) => () =>
        runCall(state, name as Exclude<typeof name, "waitForBlock">, params)
      return declared.kind === "signed"
        ? (params) => signed(declared.signer(params as never), run(params))
        : (params) => call(run(params))
    })
    const service = Chain.of({ revealTakesSalt: true, ...calls })
    const control = MockChain.of({
      advance,
      fund: (coldkey, rao) => call(() => state.fund(coldkey, rao)),
      state: Effect.sync(() => state.toData()),
      payouts: Effect.sync(() => history.slice()),
      save: (path) =>
        Effect.tryPromise({
          try: () => writeFileAtomic(path, encodeChainData(state.toData())),
          catch: (e) => new SnapshotError({ path, detail: (e as Error).message }),
        }),
    })
    return Context.make(Chain, service).pipe(
      Context.add(MockChain, control),
      Context.add(ChainControl, ChainControl.of({ advance: control.advance, fund: control.fund })),
    )
  })
