/**
 * @subnetkit/core — the subnetkit runtime: subnet definition, the Chain service and its mock chain, metagraph,
 * transport, and the miner / validator runtimes.
 */
export type { Answer, AnswerStatus, MinerContext, SeededRandom, Subnet, SubnetDefinition, ValidatorContext } from "./subnet/defineSubnet.ts"
export { defineSubnet, InvalidSubnetDefinition, versionKey } from "./subnet/defineSubnet.ts"
export { seededRandom } from "./subnet/seededRandom.ts"
export { Chain } from "./chain/Chain.ts"
export type { ChainShape } from "./chain/Chain.ts"
export { ChainControl } from "./chain/ChainControl.ts"
export { ChainError, ChainErrorReason } from "./chain/ChainError.ts"
export { defaultHyperparameters, Hyperparameters } from "./chain/Hyperparameters.ts"
export type {
  AddStakeInput, AxonInfo, CommitWeightsInput, CreateSubnetInput, NeuronInfo, RegisterInput, RevealWeightsInput, ServeAxonInput,
  SetWeightsInput, SubnetSnapshot,
} from "./chain/types.ts"
export { commitHash } from "./chain/commitHash.ts"
export { loadSnapshot, MockChain, SnapshotError } from "./chain/MockChain.ts"
export type { MockChainOptions, MockChainShape } from "./chain/MockChain.ts"
export type { EpochPayout } from "./chain/mock/runEpoch.ts"
export type { Metagraph } from "./metagraph/Metagraph.ts"
export { fromSnapshot, syncMetagraph, uidOfHotkey } from "./metagraph/Metagraph.ts"
export { Transport, TransportError } from "./transport/Transport.ts"
export type { Address, MinerEndpoint, WireReply, WireRequest } from "./transport/Transport.ts"
export * as InProcessTransport from "./transport/InProcessTransport.ts"
export { defaultCallerPolicy, minerEndpoint, refusalReason } from "./neuron/minerEndpoint.ts"
export type { CallerPolicy } from "./neuron/minerEndpoint.ts"
export { serveMiner } from "./neuron/Miner.ts"
export type { MinerOptions } from "./neuron/Miner.ts"
export { makeValidator, ValidatorNotRegistered } from "./neuron/Validator.ts"
export type { StepReport, ValidatorOptions } from "./neuron/Validator.ts"
export { initialValidatorState, StateError, StateStore, ValidatorState } from "./neuron/StateStore.ts"
export { normalizeMaxWeight, processWeights, toEmitWeights } from "./neuron/processWeights.ts"
export { realignScores, scoresByUid, updateScores } from "./neuron/Scoreboard.ts"
export { nextSample } from "./neuron/Sampler.ts"
export { queryMiners } from "./neuron/queryMiners.ts"
export { writeFileAtomic } from "./io/writeFileAtomic.ts"
