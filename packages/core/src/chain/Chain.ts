/**
 * The chain as neurons and tools see it: one service, several implementations (the in-process `MockChain`, later a
 * localnet client and the real-chain adapter), all held to `testing/Chain.contract.ts`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Chain, MockChain } from "@subnetkit/core"
 *
 * const program = Effect.gen(function*() {
 *   const chain = yield* Chain
 *   return yield* chain.subnetState(1)
 * }).pipe(Effect.provide(MockChain.layer()))
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
  SubnetSnapshot,
} from "./types.ts"

/** Every call can fail with `ChainUnavailable` when the chain is remote and cannot be reached; the mock never does. */
export interface ChainShape {
  /** The latest block number. */
  readonly currentBlock: Effect.Effect<number, ChainUnavailable>
  /** Completes once the chain has produced `block` (at once if it already has); returns the block then current. */
  readonly waitForBlock: (block: number) => Effect.Effect<number, ChainUnavailable>
  /** Free balance of a coldkey, in rao. */
  readonly balance: (coldkey: string) => Effect.Effect<bigint, ChainUnavailable>
  readonly createSubnet: (input: CreateSubnetInput) => Effect.Effect<number, ChainError | ChainUnavailable>
  readonly hyperparameters: (netuid: number) => Effect.Effect<Hyperparameters, ChainError | ChainUnavailable>
  /** Owner-only (`coldkey` must own the subnet). */
  readonly setHyperparameters: (netuid: number, coldkey: string, patch: Partial<Hyperparameters>) => Effect.Effect<void, ChainError | ChainUnavailable>
  /** The burn a registration costs now, in rao. */
  readonly registrationCost: (netuid: number) => Effect.Effect<bigint, ChainError | ChainUnavailable>
  /** Registers `hotkey` by burning the registration cost from `coldkey`; returns its uid. */
  readonly burnedRegister: (input: RegisterInput) => Effect.Effect<number, ChainError | ChainUnavailable>
  readonly addStake: (input: AddStakeInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly serveAxon: (input: ServeAxonInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly setWeights: (input: SetWeightsInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly commitWeights: (input: CommitWeightsInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  readonly revealWeights: (input: RevealWeightsInput) => Effect.Effect<void, ChainError | ChainUnavailable>
  /** Everything a metagraph is built from (see `Metagraph.sync`). */
  readonly subnetState: (netuid: number) => Effect.Effect<SubnetSnapshot, ChainError | ChainUnavailable>
}

export class Chain extends Context.Service<Chain, ChainShape>()("subnetkit/core/chain/Chain") {}
