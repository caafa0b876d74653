/**
 * The real subtensor runtime as the `Chain` service, through `@polkadot/api` (16.5.x). Call shapes come from the
 * runtime's metadata (`subtensor/callShapes.ts`), so one adapter serves spec 185, spec 218 and mainnet's shapes;
 * dispatch errors decode into the mock chain's `ChainError` reasons (`subtensor/dispatchErrors.ts`). Every mutating
 * call is signed with the `Signer`'s key for the account it names; a call for an account the signer does not hold
 * fails with `BadOrigin` before anything is sent.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { Chain, signerLayer } from "@subnetkit/core"
 * import { SubtensorChain } from "@subnetkit/core/subtensor"
 *
 * const chain = SubtensorChain.layer({ url: "ws://127.0.0.1:9944" }).pipe(Layer.provide(signerLayer([hotkey])))
 * const program = Effect.gen(function*() {
 *   return yield* (yield* Chain).subnetState(1, "light")
 * }).pipe(Effect.provide(chain))
 * ```
 */
import type { ApiPromise } from "@polkadot/api"
import { expandMetadata } from "@polkadot/types"
import type { Call, EventRecord } from "@polkadot/types/interfaces"
import { encodeAddress } from "@polkadot/util-crypto"
import { Context, Effect, Layer } from "effect"
import { Chain } from "./Chain.ts"
import { implementCalls } from "./ChainCall.ts"
import { ChainError, ChainUnavailable, refuse } from "./ChainError.ts"
import * as ChainHead from "./ChainHead.ts"
import type { Hyperparameters } from "./Hyperparameters.ts"
import { Signer } from "./Signer.ts"
import type { CallShapes, RuntimeFeatures } from "./subtensor/callShapes.ts"
import { callShapes } from "./subtensor/callShapes.ts"
import type { Connection } from "./subtensor/connection.ts"
import { connect, read } from "./subtensor/connection.ts"
import type { Extrinsic } from "./subtensor/extrinsics.ts"
import type { SentName } from "./subtensor/extrinsics.ts"
import { EXTRINSICS, sentCalls } from "./subtensor/extrinsics.ts"
import type { Detail } from "./subtensor/neuronInfo.ts"
import { ownerCalls } from "./subtensor/ownerCalls.ts"
import { readHyperparameters } from "./subtensor/readHyperparameters.ts"
import { readSubnet } from "./subtensor/readSubnet.ts"
import type { SubmitOptions } from "./subtensor/submit.ts"
import { makeSubmitter } from "./subtensor/submit.ts"
import type { SubnetSnapshot } from "./types.ts"

export interface SubtensorChainOptions extends SubmitOptions {
  /** ws:// or wss:// URL of a subtensor node (see `networkUrl` for `finney`, `test`, `local`). */
  readonly url: string
  /** Default 30 s. */
  readonly connectTimeoutMs?: number
}

/** What SubtensorChain offers beyond `Chain`: the runtime's features, reads at a past block, raw access. */
export interface SubtensorChainShape {
  readonly api: ApiPromise
  readonly url: string
  readonly features: RuntimeFeatures
  readonly calls: CallShapes
  /** The snapshot at a past block (e.g. the block before an epoch, to recompute it). */
  readonly subnetStateAt: (
    netuid: number,
    block: number,
    detail?: Detail,
  ) => Effect.Effect<SubnetSnapshot, ChainError | ChainUnavailable>
  /** A raw JSON-RPC request (chopsticks' `dev_newBlock`, `dev_setStorage`). */
  readonly rpc: (method: string, params: ReadonlyArray<unknown>) => Effect.Effect<unknown, ChainUnavailable>
  /** Signs and submits a call for `account` (sudo batches in tests and the localnet), returning its events. */
  readonly submit: (
    account: string,
    call: Call,
    label: string,
  ) => Effect.Effect<ReadonlyArray<EventRecord>, ChainError | ChainUnavailable>
}

export class SubtensorChain
  extends Context.Service<SubtensorChain, SubtensorChainShape>()("subnetkit/core/chain/SubtensorChain")
{
  /** `Chain` and `SubtensorChain` over one connection, opened and closed by the layer's scope. */
  static layer(options: SubtensorChainOptions): Layer.Layer<Chain | SubtensorChain, ChainUnavailable, Signer> {
    return Layer.effectContext(Effect.gen(function*() {
      const connection = yield* Effect.acquireRelease(
        connect(options.url, options.connectTimeoutMs),
        (c) => Effect.promise(() => c.api.disconnect().catch(() => undefined)),
      )
      const service = yield* make(connection, yield* Signer, options)
      return Context.make(SubtensorChain, service.extra).pipe(Context.add(Chain, service.chain))
    }))
  }
}

const validAddress = (address: string) => {
  try {
    return encodeAddress(address, 42) !== ""
  } catch {
    return false
  }
}

const make = Effect.fnUntraced(
  function*(connection: Connection, signer: typeof Signer.Service, options: SubtensorChainOptions) {
    const { api, url } = connection
    const calls = callShapes(expandMetadata(api.registry, api.runtimeMetadata).tx)
    const submitter = makeSubmitter(api, url, options)
    connection.onDisconnect((detail) => submitter.failInFlight(detail))

    // The chain head follows the node's new heads; a dropped connection fails whoever waits on it.
    const first = yield* read(connection, "chain_getHeader", () => api.rpc.chain.getHeader())
    const head = yield* ChainHead.make<ChainUnavailable>(first.number.toNumber())
    const unsubscribe = yield* read(
      connection,
      "chain_subscribeNewHeads",
      () => api.rpc.chain.subscribeNewHeads((h) => Effect.runSync(head.advanceTo(h.number.toNumber()))),
    )
    yield* Effect.addFinalizer(() => Effect.sync(() => unsubscribe()))
    connection.onDisconnect((detail) => Effect.runSync(head.lose(new ChainUnavailable({ url, detail }))))

    const submit = (account: string, call: () => Call, label: string) =>
      Effect.gen(function*() {
        const pair = yield* signer.keypairFor(account)
        const built = yield* Effect.try({
          try: call,
          catch: (e) =>
            e instanceof ChainError
              ? e
              : new ChainError({ reason: "InvalidArguments", detail: `${label}: ${(e as Error).message}` }),
        })
        return yield* submitter.submit(pair, built, label)
      })

    const subnetState = (netuid: number, detail: Detail = "full", blockHash?: string) =>
      Effect.flatMap(
        read(connection, "subnetState", () => readSubnet(api, netuid, detail, blockHash)),
        (s) =>
          s === null ? Effect.fail(refuse("SubnetNotExists", `subnet ${netuid} does not exist`)) : Effect.succeed(s),
      )

    const hyperparameters = (netuid: number): Effect.Effect<Hyperparameters, ChainError | ChainUnavailable> =>
      Effect.flatMap<boolean, ChainUnavailable, never, Hyperparameters, ChainError | ChainUnavailable, never>(
        Effect.map(
          read(connection, "networksAdded", () => api.query["subtensorModule"]!["networksAdded"]!(netuid)),
          (c) => c.toJSON() === true,
        ),
        (added) =>
          added
            ? read(
              connection,
              "hyperparameters",
              async () => readHyperparameters(await api.at((await api.rpc.chain.getHeader()).hash), netuid),
            )
            : Effect.fail(refuse("SubnetNotExists", `subnet ${netuid} does not exist`)),
      )

    const sudoKey = api.query["sudo"]?.["key"] === undefined
      ? Effect.succeed("")
      : Effect.map(read(connection, "sudo.key", () => api.query["sudo"]!["key"]!()), (k) => k.toString())

    const owner = ownerCalls({ api, calls, submit, sudoKey, holds: (a) => signer.accounts.includes(a) })
    /** The signed calls that are one extrinsic each (`subtensor/extrinsics.ts`), signed by the account declared. */
    const sent = implementCalls(sentCalls, (name, declared) => (params) =>
      Effect.gen(function*() {
        const extrinsic = EXTRINSICS[name] as Extrinsic<SentName>
        const events = yield* submit(
          declared.signer(params as never),
          () => extrinsic.build(calls, params as never),
          name,
        )
        if (extrinsic.result === undefined) return undefined
        const result = extrinsic.result(events)
        if (result === null) {
          return yield* refuse("RuntimeRefused", `${name} was included but the runtime reported no result event`)
        }
        return result
      }))

    const chain = Chain.of({
      revealTakesSalt: calls.features.saltedReveal,
      currentBlock: Effect.flatMap(read(connection, "chain_getHeader", () => api.rpc.chain.getHeader()), (h) => {
        const block = h.number.toNumber()
        return Effect.as(head.advanceTo(block), block)
      }),
      waitForBlock: head.waitFor,
      balance: (coldkey) =>
        validAddress(coldkey)
          ? read(
            connection,
            "system.account",
            async () =>
              ((await api.query["system"]!["account"]!(coldkey)) as unknown as {
                data: { free: { toBigInt(): bigint } }
              }).data.free.toBigInt(),
          )
          : Effect.succeed(0n), // a name that is no account holds nothing
      hyperparameters,
      registrationCost: (netuid) =>
        read(
          connection,
          "burn",
          async () =>
            ((await api.query["subtensorModule"]!["burn"]!(netuid)) as unknown as { toBigInt(): bigint }).toBigInt(),
        ),
      subnetState: (netuid: number, detail?: Detail) => subnetState(netuid, detail),
      ...owner,
      ...sent,
    })

    const extra = SubtensorChain.of({
      api,
      url,
      features: calls.features,
      calls,
      subnetStateAt: (netuid, block, detail = "full") =>
        Effect.flatMap(
          read(connection, "chain_getBlockHash", () => api.rpc.chain.getBlockHash(block)),
          (hash) => subnetState(netuid, detail, hash.toHex()),
        ),
      submit: (account, call, label) => submit(account, () => call, label),
      rpc: (method, params) => read(connection, method, () => connection.send(method, params)),
    })
    return { chain, extra }
  },
)
