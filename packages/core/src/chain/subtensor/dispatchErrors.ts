/**
 * One table from the runtime's dispatch errors (`Pallet.Error`, as the metadata names them) to subnetkit's
 * `ChainErrorReason`s, so code written against the mock chain handles the real one. Spec 185 (May 2024) and spec 218
 * (January 2025) name several errors differently; both spellings are here. Anything else becomes `RuntimeRefused`
 * with the runtime's own name kept in `detail`.
 */
import type { ChainErrorReason } from "../ChainError.ts"
import { ChainError } from "../ChainError.ts"

export const DISPATCH_ERRORS: Readonly<Record<string, ChainErrorReason>> = {
  // Origin and balances
  "BadOrigin": "BadOrigin",
  "Balances.InsufficientBalance": "NotEnoughBalanceToStake",
  "SubtensorModule.NotEnoughBalance": "NotEnoughBalanceToStake",
  "SubtensorModule.NotEnoughBalanceToStake": "NotEnoughBalanceToStake",
  "SubtensorModule.BalanceWithdrawalError": "NotEnoughBalanceToStake",
  "SubtensorModule.NotEnoughStaketoWithdraw": "NotEnoughStakeToWithdraw", // spec 185's spelling
  "SubtensorModule.NotEnoughStakeToWithdraw": "NotEnoughStakeToWithdraw",
  "SubtensorModule.StakeToWithdrawIsZero": "InvalidArguments",
  // Subnets and ownership
  "SubtensorModule.NetworkDoesNotExist": "SubnetNotExists",
  "SubtensorModule.SubNetworkDoesNotExist": "SubnetNotExists",
  "SubtensorModule.SubnetNotExists": "SubnetNotExists",
  "AdminUtils.SubnetDoesNotExist": "SubnetNotExists",
  "SubtensorModule.NotSubnetOwner": "NotSubnetOwner",
  // Registration
  "SubtensorModule.NotRegistered": "HotKeyNotRegisteredInSubNet",
  "SubtensorModule.HotKeyNotRegisteredInSubNet": "HotKeyNotRegisteredInSubNet",
  "SubtensorModule.HotKeyNotRegisteredInNetwork": "HotKeyNotRegisteredInSubNet",
  "SubtensorModule.AlreadyRegistered": "HotKeyAlreadyRegisteredInSubNet",
  "SubtensorModule.HotKeyAlreadyRegisteredInSubNet": "HotKeyAlreadyRegisteredInSubNet",
  "SubtensorModule.NonAssociatedColdKey": "NonAssociatedColdKey",
  "SubtensorModule.NoNeuronIdAvailable": "NoNeuronIdAvailable",
  "SubtensorModule.RegistrationDisabled": "SubNetRegistrationDisabled",
  "SubtensorModule.SubNetRegistrationDisabled": "SubNetRegistrationDisabled",
  "SubtensorModule.TooManyRegistrationsThisBlock": "TooManyRegistrationsThisBlock",
  // Weights
  "SubtensorModule.NotEnoughStakeToSetWeights": "NotEnoughStakeToSetWeights",
  "SubtensorModule.NoValidatorPermit": "NeuronNoValidatorPermit",
  "SubtensorModule.NeuronNoValidatorPermit": "NeuronNoValidatorPermit",
  "SubtensorModule.SettingWeightsTooFast": "SettingWeightsTooFast",
  "SubtensorModule.IncorrectNetworkVersionKey": "IncorrectWeightVersionKey",
  "SubtensorModule.IncorrectWeightVersionKey": "IncorrectWeightVersionKey",
  "SubtensorModule.WeightVecNotEqualSize": "WeightVecNotEqualSize",
  "SubtensorModule.TooManyUids": "UidsLengthExceedUidsInSubNet",
  "SubtensorModule.UidsLengthExceedUidsInSubNet": "UidsLengthExceedUidsInSubNet",
  "SubtensorModule.DuplicateUids": "DuplicateUids",
  "SubtensorModule.InvalidUid": "UidVecContainInvalidOne",
  "SubtensorModule.UidVecContainInvalidOne": "UidVecContainInvalidOne",
  "SubtensorModule.NotSettingEnoughWeights": "WeightVecLengthIsLow",
  "SubtensorModule.WeightVecLengthIsLow": "WeightVecLengthIsLow",
  "SubtensorModule.MaxWeightExceeded": "MaxWeightExceeded",
  // Commit-reveal (185: CommitNotAllowed / NoCommitFound / InvalidReveal / InvalidRevealTempo)
  "SubtensorModule.CommitRevealEnabled": "CommitRevealEnabled",
  "SubtensorModule.CommitRevealDisabled": "CommitRevealDisabled",
  "SubtensorModule.CommitNotAllowed": "CommittingWeightsTooFast",
  "SubtensorModule.CommittingWeightsTooFast": "CommittingWeightsTooFast",
  "SubtensorModule.TooManyUnrevealedCommits": "TooManyUnrevealedCommits",
  "SubtensorModule.NoCommitFound": "NoWeightsCommitFound",
  "SubtensorModule.NoWeightsCommitFound": "NoWeightsCommitFound",
  "SubtensorModule.InvalidReveal": "InvalidRevealCommitHashNotMatch",
  "SubtensorModule.InvalidRevealCommitHashNotMatch": "InvalidRevealCommitHashNotMatch",
  // 185 has one error for "outside the reveal window", early or late; the detail keeps its name.
  "SubtensorModule.InvalidRevealTempo": "RevealTooEarly",
  "SubtensorModule.RevealTooEarly": "RevealTooEarly",
  "SubtensorModule.ExpiredWeightCommit": "ExpiredWeightCommit",
  // Axons
  "SubtensorModule.InvalidIpAddress": "InvalidIpAddress",
  "SubtensorModule.InvalidIpType": "InvalidIpAddress",
  "SubtensorModule.InvalidPort": "InvalidPort",
  // Hyperparameters
  "SubtensorModule.InvalidTempo": "InvalidHyperparameter",
  "AdminUtils.MaxAllowedUIdsNotAllowed": "InvalidHyperparameter",
  "AdminUtils.MaxValidatorsLargerThanMaxUIds": "InvalidHyperparameter",
}

/** A dispatch error as the metadata names it: `pallet` is empty for the system's `BadOrigin`, `Other`, … */
export interface RuntimeError {
  readonly pallet: string
  readonly name: string
  readonly docs?: string
}

/** The typed refusal for a runtime error; unknown names become `RuntimeRefused` naming the runtime's error. */
export function chainErrorOf(error: RuntimeError, call: string): ChainError {
  const full = error.pallet === "" ? error.name : `${error.pallet}.${error.name}`
  const reason = DISPATCH_ERRORS[full]
  const docs = error.docs ? ` (${error.docs})` : ""
  return new ChainError({
    reason: reason ?? "RuntimeRefused",
    detail: `${call}: the runtime refused it with ${full}${docs}`,
  })
}
