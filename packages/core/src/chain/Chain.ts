/**
 * The chain as neurons and tools see it: one service, several implementations (the in-process `MockChain`, later a
 * localnet client and the real-chain adapter), all held to `Chain.contract.ts`.
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
import type { ChainError } from "./ChainError.ts"
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

export interface ChainShape {
  /** The latest block number. */
  readonly currentBlock: Effect.Effect<number>
  /** Completes once the chain has produced `block` (at once if it already has); returns the block then current. */
  readonly waitForBlock: (block: number) => Effect.Effect<number>
  /** Free balance of a coldkey, in rao. */
  readonly balance: (coldkey: string) => Effect.Effect<bigint>
  readonly createSubnet: (input: CreateSubnetInput) => Effect.Effect<number, ChainError>
  readonly hyperparameters: (netuid: number) => Effect.Effect<Hyperparameters, ChainError>
  /** Owner-only (`coldkey` must own the subnet). */
  readonly setHyperparameters: (netuid: number, coldkey: string, patch: Partial<Hyperparameters>) => Effect.Effect<void, ChainError>
  /** The burn a registration costs now, in rao. */
  readonly registrationCost: (netuid: number) => Effect.Effect<bigint, ChainError>
  /** Registers `hotkey` by burning the registration cost from `coldkey`; returns its uid. */
  readonly burnedRegister: (input: RegisterInput) => Effect.Effect<number, ChainError>
  readonly addStake: (input: AddStakeInput) => Effect.Effect<void, ChainError>
  readonly serveAxon: (input: ServeAxonInput) => Effect.Effect<void, ChainError>
  readonly setWeights: (input: SetWeightsInput) => Effect.Effect<void, ChainError>
  readonly commitWeights: (input: CommitWeightsInput) => Effect.Effect<void, ChainError>
  readonly revealWeights: (input: RevealWeightsInput) => Effect.Effect<void, ChainError>
  /** Everything a metagraph is built from (see `Metagraph.sync`). */
  readonly subnetState: (netuid: number) => Effect.Effect<SubnetSnapshot, ChainError>
}

export class Chain extends Context.Service<Chain, ChainShape>()("subnetkit/core/chain/Chain") {}
