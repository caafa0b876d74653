/**
 * A call the chain refused, named exactly like the subtensor runtime's dispatch error, so code written against the
 * mock chain handles the real one. A refused call changes nothing.
 */
import { Schema } from "effect"

/** Runtime error names the mock chain can return (a subset of `pallets/subtensor/src/macros/errors.rs`). */
export const ChainErrorReason = Schema.Literals([
  // The call was not signed by the account it acts for (the runtime's `DispatchError::BadOrigin`).
  "BadOrigin",
  "SubnetNotExists",
  "NotSubnetOwner",
  "HotKeyNotRegisteredInSubNet",
  "HotKeyAlreadyRegisteredInSubNet",
  "NonAssociatedColdKey",
  "NotEnoughBalanceToStake",
  "NotEnoughStakeToWithdraw",
  "NoNeuronIdAvailable",
  "SubNetRegistrationDisabled",
  "TooManyRegistrationsThisBlock",
  "NotEnoughStakeToSetWeights",
  "NeuronNoValidatorPermit",
  "SettingWeightsTooFast",
  "IncorrectWeightVersionKey",
  "WeightVecNotEqualSize",
  "UidsLengthExceedUidsInSubNet",
  "DuplicateUids",
  "UidVecContainInvalidOne",
  "WeightVecLengthIsLow",
  "MaxWeightExceeded",
  "CommitRevealEnabled",
  "CommitRevealDisabled",
  "CommittingWeightsTooFast",
  "TooManyUnrevealedCommits",
  "NoWeightsCommitFound",
  "InvalidRevealCommitHashNotMatch",
  "RevealTooEarly",
  "ExpiredWeightCommit",
  "InvalidIpAddress",
  "InvalidPort",
  "InvalidHyperparameter",
  // Not a runtime error: the call's arguments could not be encoded as the extrinsic's types (e.g. a weight > u16).
  "InvalidArguments",
  // A real runtime refused the call with an error subnetkit has no name for (SubtensorChain keeps the runtime's
  // "Pallet.Error" name in `detail`), or its transaction pool refused the transaction (fees, nonce, rate limits).
  "RuntimeRefused",
])
export type ChainErrorReason = typeof ChainErrorReason.Type

export class ChainError extends Schema.TaggedError<ChainError>()("ChainError", {
  reason: ChainErrorReason,
  /** What was wrong, with the values involved, and what to do. */
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.reason}: ${this.detail}`
  }
}

/** Refuses a call: `throw refuse("SettingWeightsTooFast", "…")` inside the mock chain's state machine. */
export const refuse = (reason: ChainErrorReason, detail: string): ChainError => new ChainError({ reason, detail })

/** The chain could not be reached (a remote chain's connection is down); the call may or may not have happened. */
export class ChainUnavailable extends Schema.TaggedError<ChainUnavailable>()("ChainUnavailable", {
  url: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `The chain at ${this.url} is unavailable: ${this.detail}. It is retried with backoff; check that the node runs.`
  }
}
