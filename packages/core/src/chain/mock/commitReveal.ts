/**
 * Hash commit-reveal as the runtime checks it, per epoch: a commit is revealed exactly `revealPeriodEpochs` after its
 * epoch and expires after that. Pure: each function reads the subnet and returns the commits to keep, or throws the
 * runtime-named `ChainError` before anything changes.
 */
import { refuse } from "../ChainError.ts"
import { commitHash } from "../commitHash.ts"
import { isEpochBlock } from "../epochSchedule.ts"
import type { CommitWeightsInput, RevealWeightsInput } from "../types.ts"
import type { SubnetData, WeightCommit } from "./ChainData.ts"
import { own } from "./ChainData.ts"
import { checkRateLimit, registeredUid } from "./weightRules.ts"

const MAX_UNREVEALED_COMMITS = 10

/** `current_epoch_with_lookahead`: the epoch index, plus one if an epoch runs in this block and has not yet. */
export function commitEpoch(subnet: SubnetData, block: number): number {
  const pending = isEpochBlock(subnet.netuid, subnet.hyperparameters.tempo, block) && subnet.lastEpochBlock !== block
  return subnet.epochIndex + (pending ? 1 : 0)
}

/** Whether a commit made in epoch `commit.epoch` can no longer be revealed in `epoch`. */
const isExpired = (subnet: SubnetData, commit: { readonly epoch: number }, epoch: number): boolean =>
  epoch > commit.epoch + subnet.hyperparameters.revealPeriodEpochs

/** The hotkey's commits that can still be revealed in `epoch`, oldest first. */
export const liveCommits = (subnet: SubnetData, hotkey: string, epoch: number): Array<WeightCommit> =>
  (own(subnet.commits, hotkey) ?? []).filter((c) => !isExpired(subnet, c, epoch))

/** `commit_weights`: the committer's uid and its live commits with the new one. */
export function commitsAfterCommit(
  subnet: SubnetData,
  input: CommitWeightsInput,
  block: number,
): { readonly uid: number; readonly commits: Array<WeightCommit> } {
  const h = subnet.hyperparameters
  if (!h.commitRevealEnabled) {
    throw refuse("CommitRevealDisabled", `subnet ${input.netuid} has commit-reveal off; call setWeights`)
  }
  const uid = registeredUid(subnet, input.hotkey)
  checkRateLimit(subnet, uid, block, "CommittingWeightsTooFast")
  const epoch = commitEpoch(subnet, block)
  const live = liveCommits(subnet, input.hotkey, epoch)
  if (live.length >= MAX_UNREVEALED_COMMITS) {
    throw refuse("TooManyUnrevealedCommits", `uid ${uid} has ${live.length} unrevealed commits`)
  }
  return { uid, commits: [...live, { hash: input.commitHash.toLowerCase(), epoch, block }] }
}

/** `reveal_weights`: the commits left once the matching one is revealed (it and older ones go). */
export function commitsAfterReveal(subnet: SubnetData, input: RevealWeightsInput, block: number): Array<WeightCommit> {
  const h = subnet.hyperparameters
  if (!h.commitRevealEnabled) {
    throw refuse("CommitRevealDisabled", `subnet ${input.netuid} has commit-reveal off; call setWeights`)
  }
  const all = own(subnet.commits, input.hotkey) ?? []
  if (all.length === 0) {
    throw refuse("NoWeightsCommitFound", `hotkey ${input.hotkey} has no commit on subnet ${input.netuid}`)
  }
  const epoch = commitEpoch(subnet, block)
  const live = liveCommits(subnet, input.hotkey, epoch)
  const hash = commitHash({
    hotkey: input.hotkey,
    netuid: input.netuid,
    uids: input.uids,
    values: input.weights,
    salt: input.salt,
    versionKey: input.versionKey,
  })
  const position = live.findIndex((c) => c.hash === hash)
  if (position < 0) {
    if (all.some((c) => isExpired(subnet, c, epoch) && c.hash === hash)) {
      throw refuse("ExpiredWeightCommit", `the commit for these weights expired; commit again`)
    }
    if (live.length === 0) {
      throw refuse("NoWeightsCommitFound", `hotkey ${input.hotkey} has no live commit on subnet ${input.netuid}`)
    }
    throw refuse("InvalidRevealCommitHashNotMatch", `no commit matches these uids, weights, salt and version key`)
  }
  const commit = live[position]!
  if (epoch !== commit.epoch + h.revealPeriodEpochs) {
    throw refuse(
      "RevealTooEarly",
      `committed in epoch ${commit.epoch}; reveal in epoch ${commit.epoch + h.revealPeriodEpochs} (now ${epoch})`,
    )
  }
  return live.slice(position + 1)
}
