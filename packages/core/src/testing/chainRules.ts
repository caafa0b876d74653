import type { Hyperparameters } from "../chain/Hyperparameters.ts"

/**
 * Where the chain under test legitimately differs from the mock chain's rules, stated by its test file so that the
 * contract checks the chain's own rule instead of skipping the check. The mock chain and the localnet follow
 * `mockRules`; the subtensor runtime's are in test/subtensorContract.test.ts.
 */
export interface ChainRules {
  /** Hyperparameters only root (the dev sudo key) may set; the subnet owner asking is `NotSubnetOwner`. */
  readonly rootOnly: ReadonlyArray<keyof Hyperparameters>
  /** Hyperparameters the chain has no per-subnet call for (`InvalidHyperparameter`): the contract does not set them. */
  readonly unsupported: ReadonlyArray<keyof Hyperparameters>
  /**
   * Every extrinsic pays a transaction fee, a refused one too: refusals are checked without balances, and a
   * registration costs its burn plus a fee below `maxFeeRao`.
   */
  readonly fees: { readonly maxFeeRao: bigint } | null
  /** The registration cost rises with each registration (mock); the runtime adjusts it once per adjustment interval. */
  readonly burnRisesPerRegistration: boolean
  /**
   * When a commit may be revealed: `"nextEpoch"` (after the subnet's next epoch, the mock chain), or every `n` blocks
   * (spec 185: in [start + n, start + 2n) where start is the commit's block rounded down to a multiple of `n`).
   */
  readonly revealOpens: "nextEpoch" | { readonly interval: number }
  /**
   * Every call, a refused one too, is a block of its own (chopsticks builds one per transaction), so epochs may run
   * between two observations: a refusal is checked on what a call can change (uids, keys, axons, weights, last
   * update, registration blocks, burn, hyperparameters), not on the epoch's outputs.
   */
  readonly callsAreBlocks: boolean
  /** Which of several lowest-scoring prunable uids a registration replaces: the oldest (mock) or the highest uid (185). */
  readonly pruneTie: "oldest" | "highestUid"
  /** The owner's uid is never pruned (mock); on 185 it is pruned like any other when it scores lowest. */
  readonly ownerUidImmortal: boolean
  /** Who gets a permit left over for a zero stake: the owner (mock) or the highest such uid (185's top-k by stake). */
  readonly zeroStakePermit: "owner" | "highestUid"
  /** Blocks between an epoch and the stake it pays showing (185: 1, the coinbase runs after the epoch). */
  readonly stakePaidAfterEpoch: number
}

export const mockRules: ChainRules = {
  rootOnly: [],
  unsupported: [],
  fees: null,
  burnRisesPerRegistration: true,
  revealOpens: "nextEpoch",
  callsAreBlocks: false,
  pruneTie: "oldest",
  ownerUidImmortal: true,
  zeroStakePermit: "owner",
  stakePaidAfterEpoch: 0,
}
