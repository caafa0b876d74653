/**
 * The chain as neurons and tools see it: one service, several implementations (the in-process `MockChain`, later a
 * localnet client and the real-chain adapter), all held to `testing/Chain.contract.ts`.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { Chain, devSignerLayer, MockChain } from "@subnetkit/core"
 *
 * const program = Effect.gen(function*() {
 *   const chain = yield* Chain
 *   return yield* chain.subnetState(1, "light")
 * }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer))))
 * ```
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { ChainError, ChainUnavailable } from "./ChainError.ts"
import type { Hyperparameters } from "./Hyperparameters.ts"
import type {
  AddStakeInput,
  CommitWeightsInput,
  CreateSubnetInput,
  RegisterInput,
  RevealWeightsInput,
  ServeAxonInput,
  SetWeightsInput,
  SnapshotDetail,
  SubnetSnapshot,
} from "./types.ts"

/**
 * Every mutating call names the account it acts for (coldkey for subnets, registration, stake and hyperparameters;
 * hotkey for axons and weights) and is signed with that account's key from the `Signer` the layer was given: a call
 * for an account the signer holds no key for fails with `ChainError("BadOrigin")` and changes nothing.
 * Every call can fail with `ChainUnavailable` when the chain is remote and cannot be reached; the mock never does. */
export interface ChainShape {
  /**
   * Whether this chain's reveal (and so its commit hash, `commitHash`) takes a salt. The mock chain, the localnet and
   * newer subtensor runtimes do; spec 185 hashes and reveals without one (`commitHash({ salt: null })`, reveal with `[]`).
   */
  readonly revealTakesSalt: boolean
  /** The latest block number. */
  readonly currentBlock: Effect.Effect<number, ChainUnavailable>
  /** Completes once the chain has produced `block` (at once if it already has); returns the block then current. */
  readonly waitForBlock: (block: number) => Effect.Effect<number, ChainUnavailable>
  /** Free balance of a coldkey, in rao. */
  readonly balance: (coldkey: string) => Effect.Effect<bigint, ChainUnavailable>
  readonly createSubnet: (input: CreateSubnetInput) => Effect.Effect<number, ChainError | ChainUnavailable>
  readonly hyperparameters: (netuid: number) => Effect.Effect<Hyperparameters, ChainError | ChainUnavailable>
  /** Owner-only (`coldkey` must own the subnet). */
  readonly setHyperparameters: (
    netuid: number,
    coldkey: string,
    patch: Partial<Hyperparameters>,
  ) => Effect.Effect<void, ChainError | ChainUnavailable>
  /** The burn a registration costs now, in rao. */
  readonly registrationCost: (netuid: number) => Effect.Effect<bigint, ChainError | ChainUnavailable>
  /** Registers `hotkey` by burning the registration cost from `coldkey`; returns its uid. */
  readonly burnedRegister: (input: RegisterInput) => Effect.Effect<number, ChainError | ChainUnavailable>
  readonly addStake: (input: AddStakeInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly serveAxon: (input: ServeAxonInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly setWeights: (input: SetWeightsInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly commitWeights: (input: CommitWeightsInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly revealWeights: (input: RevealWeightsInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  /**
   * Everything a metagraph is built from (see `Metagraph.sync`). `"light"` leaves every neuron's `weights` and `bonds`
   * empty (cheaper: what a validator step reads); `"full"` (the default) includes them.
   */
  readonly subnetState: (
    netuid: number,
    detail?: SnapshotDetail,
  ) => Effect.Effect<SubnetSnapshot, ChainError | ChainUnavailable>
}

export class Chain extends Context.Service<Chain, ChainShape>()("subnetkit/core/chain/Chain") {}
