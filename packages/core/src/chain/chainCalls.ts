/**
 * Every call of the chain, declared once (see `ChainCall.ts` for what is derived from this table).
 *
 * Adding a call: declare it here (parameters, result, who signs it, the runtime call it maps to), give
 * `MockChainState` its behaviour (a method of the same name; the type checker asks for it), and map it to the
 * runtime in `subtensor/extrinsics.ts` (SubtensorChain asks for it). The localnet serves it, its client calls it, the
 * simulation trace records and replays it, with no further edit.
 */
import { Schema } from "effect"
import { control, read, signed, wait } from "./ChainCall.ts"
import { Hyperparameters, HyperparametersPatch } from "./Hyperparameters.ts"
import {
  Account,
  AddStakeInput,
  Block,
  CommitWeightsInput,
  CreateSubnetInput,
  intBetween,
  Netuid,
  Rao,
  RegisterInput,
  RevealWeightsInput,
  ServeAxonInput,
  SetWeightsInput,
  SnapshotDetail,
  SubnetSnapshot,
  Uid,
} from "./types.ts"

/** `advance` takes at most this many blocks per call. */
export const MAX_ADVANCE_BLOCKS = 10_000
/** `fund` credits at most this much per call (1,000,000 TAO). */
export const MAX_FUND_RAO = 1_000_000n * 1_000_000_000n

/** The calls of the `Chain` service. */
export const chainCalls = {
  /** The latest block number. */
  currentBlock: read({ params: [], result: Block, refusable: false }),
  /** Completes once the chain has produced `block` (at once if it already has); returns the block then current. */
  waitForBlock: wait({ params: [Block], result: Block }),
  /** Free balance of a coldkey, in rao. */
  balance: read({ params: [Account], result: Rao, refusable: false }),
  /** Creates a subnet owned by `coldkey`, locking its cost; the owner hotkey is uid 0. Returns the netuid. */
  createSubnet: signed({
    params: [CreateSubnetInput],
    result: Netuid,
    signer: ([input]) => input.coldkey,
    runtime: "SubtensorModule.register_network (spec 185: and SubtensorModule.burned_register of the owner hotkey)",
  }),
  hyperparameters: read({ params: [Netuid], result: Schema.toType(Hyperparameters), refusable: true }),
  /** Owner-only (`coldkey` must own the subnet). */
  setHyperparameters: signed({
    params: [Netuid, Account, HyperparametersPatch],
    result: Schema.Void,
    signer: ([, coldkey]) => coldkey,
    runtime: "AdminUtils.sudo_set_tempo and the other sudo_set_… calls, in one Utility.batch_all",
  }),
  /** The burn a registration costs now, in rao. */
  registrationCost: read({ params: [Netuid], result: Rao, refusable: true }),
  /** Registers `hotkey` by burning the registration cost from `coldkey`; returns its uid. */
  burnedRegister: signed({
    params: [RegisterInput],
    result: Uid,
    signer: ([input]) => input.coldkey,
    runtime: "SubtensorModule.burned_register",
  }),
  /** Moves free balance of `coldkey` into stake on its `hotkey`. */
  addStake: signed({
    params: [AddStakeInput],
    result: Schema.Void,
    signer: ([input]) => input.coldkey,
    runtime: "SubtensorModule.add_stake",
  }),
  /** Moves stake of `coldkey` on its `hotkey` back to the coldkey's free balance. */
  removeStake: signed({
    params: [AddStakeInput],
    result: Schema.Void,
    signer: ([input]) => input.coldkey,
    runtime: "SubtensorModule.remove_stake",
  }),
  /** Announces where the hotkey's miner serves. */
  serveAxon: signed({
    params: [ServeAxonInput],
    result: Schema.Void,
    signer: ([input]) => input.hotkey,
    runtime: "SubtensorModule.serve_axon",
  }),
  setWeights: signed({
    params: [SetWeightsInput],
    result: Schema.Void,
    signer: ([input]) => input.hotkey,
    runtime: "SubtensorModule.set_weights",
  }),
  commitWeights: signed({
    params: [CommitWeightsInput],
    result: Schema.Void,
    signer: ([input]) => input.hotkey,
    runtime: "SubtensorModule.commit_weights",
  }),
  revealWeights: signed({
    params: [RevealWeightsInput],
    result: Schema.Void,
    signer: ([input]) => input.hotkey,
    runtime: "SubtensorModule.reveal_weights",
  }),
  /**
   * Everything a metagraph is built from (see `Metagraph.sync`). `"light"` leaves every neuron's `weights` and `bonds`
   * empty (cheaper: what a validator step reads); `"full"` (the default) includes them.
   */
  subnetState: read({
    params: [Netuid, Schema.optionalKey(SnapshotDetail)],
    result: SubnetSnapshot,
    refusable: true,
  }),
} as const

/** The calls of `ChainControl`: what a test or a local network needs beyond the chain's own calls. */
export const controlCalls = {
  /** Produces `blocks` blocks, 1 by default (a localnet takes this only from its sudo key, and a bounded number). */
  advance: control({ params: [Schema.optionalKey(intBetween(1, MAX_ADVANCE_BLOCKS))], result: Schema.Unknown }),
  /** Credits free balance to a coldkey (bounded per call on a localnet). */
  fund: control({
    params: [Account, Rao.pipe(Schema.check(Schema.isBetweenBigInt({ minimum: 0n, maximum: MAX_FUND_RAO })))],
    result: Schema.Void,
  }),
} as const

/** Every call, the chain's and the controls'. */
export const allCalls = { ...chainCalls, ...controlCalls }
export type AllCalls = typeof allCalls
export type CallName = keyof AllCalls
