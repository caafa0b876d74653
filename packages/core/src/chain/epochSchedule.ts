/**
 * When a subnet's epoch runs, as the subtensor runtime schedules it (`blocks_until_next_epoch`): netuid `u` with tempo
 * `t` runs its epoch in every block where `(block + u + 1) % (t + 1) == t`. So an epoch comes every `t + 1` blocks,
 * and subnets with different netuids run theirs in different blocks.
 */

/** Whether `netuid`'s epoch runs in `block`. */
export const isEpochBlock = (netuid: number, tempo: number, block: number): boolean =>
  (block + netuid + 1) % (tempo + 1) === tempo

/** Blocks to produce after `block` until `netuid`'s next epoch has run: 1 … tempo + 1. */
export function blocksUntilNextEpoch(netuid: number, tempo: number, block: number): number {
  const left = tempo - ((block + netuid + 1) % (tempo + 1))
  return left === 0 ? tempo + 1 : left
}
