/**
 * @subnetkit/core — the subnetkit runtime: subnet definition, the Chain service and its mock chain, metagraph,
 * transport, and the miner / validator runtimes.
 */
export { Chain } from "./chain/Chain.ts"
export type { ChainShape } from "./chain/Chain.ts"
export { ChainControl } from "./chain/ChainControl.ts"
export { ChainError, ChainErrorReason, ChainUnavailable } from "./chain/ChainError.ts"
export { commitHash } from "./chain/commitHash.ts"
export { blocksUntilNextEpoch, isEpochBlock } from "./chain/epochSchedule.ts"
export { defaultHyperparameters, Hyperparameters } from "./chain/Hyperparameters.ts"
export { startLocalnet } from "./chain/localnet/LocalnetServer.ts"
export type { LocalnetOptions, RunningLocalnet } from "./chain/localnet/LocalnetServer.ts"
export * as RemoteChain from "./chain/localnet/RemoteChain.ts"
export type { EpochPayout } from "./chain/mock/runEpoch.ts"
export { loadSnapshot, MockChain, SnapshotError } from "./chain/MockChain.ts"
export type { MockChainOptions, MockChainShape } from "./chain/MockChain.ts"
export { devSigner, devSignerLayer, Signer, signerLayer, signerOf } from "./chain/Signer.ts"
export type { SignerShape } from "./chain/Signer.ts"
export { NETWORKS, networkUrl } from "./chain/subtensor/networks.ts"
export type {
  AddStakeInput,
  AxonInfo,
  CommitWeightsInput,
  CreateSubnetInput,
  NeuronInfo,
  RegisterInput,
  RevealWeightsInput,
  ServeAxonInput,
  SetWeightsInput,
  SnapshotDetail,
  SubnetSnapshot,
} from "./chain/types.ts"
export { arithmetic } from "./examples/arithmetic.ts"
export { kv, KvState } from "./examples/kv.ts"
export { labels } from "./examples/labels.ts"
export { writeFileAtomic } from "./io/writeFileAtomic.ts"
export { DEV_SUDO_ADDRESS, devKeypair } from "./keys/devKeys.ts"
export { decryptKeyfile, encryptKeyfile } from "./keys/encryption.ts"
export { fromKeyfileJson, KeyfileError, toKeyfileJson, toPublicKeyfileJson } from "./keys/keyfile.ts"
export {
  keypairFromSeed,
  keypairFromUri,
  keysReady,
  newMnemonic,
  signMessage,
  SS58_FORMAT,
  verifyMessage,
} from "./keys/Keys.ts"
export type { Keypair } from "./keys/Keys.ts"
export {
  checkPassword,
  createWallet,
  defaultWalletRoot,
  listWallets,
  MIN_PASSWORD_LENGTH,
  readColdkey,
  readHotkey,
  WalletError,
} from "./keys/Wallet.ts"
export type { CreatedWallet, CreateWalletInput, WalletSummary } from "./keys/Wallet.ts"
export type { Metagraph } from "./metagraph/Metagraph.ts"
export { fromSnapshot, syncMetagraph, uidOfHotkey, uidsByHotkey } from "./metagraph/Metagraph.ts"
export { serveMiner } from "./neuron/Miner.ts"
export type { MinerOptions } from "./neuron/Miner.ts"
export { defaultCallerPolicy, minerEndpoint, refusalReason } from "./neuron/minerEndpoint.ts"
export type { CallerPolicy } from "./neuron/minerEndpoint.ts"
export { normalizeMaxWeight, processWeights, toEmitWeights, weightsToEmit } from "./neuron/processWeights.ts"
export { queryMiners } from "./neuron/queryMiners.ts"
export { querySubnet } from "./neuron/querySubnet.ts"
export { ensureRegistered, NotRegistered, registerWithRetry } from "./neuron/register.ts"
export type { RegisterOptions } from "./neuron/register.ts"
export { whileChainUnavailable } from "./neuron/retry.ts"
export type { OnChainUnavailable } from "./neuron/retry.ts"
export { nextSample } from "./neuron/Sampler.ts"
export { entriesToRecord, realignScores, recordResults, weightsByUid } from "./neuron/scoreEntries.ts"
export type { Entries } from "./neuron/scoreEntries.ts"
export { initialValidatorState, StateError, StateStore, ValidatorState } from "./neuron/StateStore.ts"
export { makeValidator } from "./neuron/Validator.ts"
export type { RunHooks, StepReport, StepResult, ValidatorOptions } from "./neuron/Validator.ts"
export { emptyWeightBook, sendWeights } from "./neuron/WeightSetter.ts"
export type { PendingReveal, SendWeightsInput, WeightAction, WeightBook } from "./neuron/WeightSetter.ts"
export type { AnswerLog, MinerBehaviour, MinerProfile, MinerProfileEnv } from "./simulation/MinerProfile.ts"
export { builtinMinerProfiles } from "./simulation/minerProfiles.ts"
export { ProfileParams } from "./simulation/ProfileParams.ts"
export {
  decodeScenario,
  defaultScenario,
  hyperparametersOf,
  MinerGroup,
  Scenario,
  ScenarioError,
  ValidatorGroup,
} from "./simulation/Scenario.ts"
export { simulate } from "./simulation/simulate.ts"
export type { SimulationOptions } from "./simulation/simulate.ts"
export type { AnswerSummary } from "./simulation/SimulationResult.ts"
export type {
  MinerSummary,
  OperatorSummary,
  ProfileSummary,
  SimulationResult,
  SimulationRun,
  SybilAdvantage,
  ValidatorSummary,
} from "./simulation/SimulationResult.ts"
export type {
  Round,
  RoundScore,
  ValidatorBehaviour,
  ValidatorProfile,
  ValidatorProfileEnv,
} from "./simulation/ValidatorProfile.ts"
export { builtinValidatorProfiles } from "./simulation/validatorProfiles.ts"
export type {
  Answer,
  AnswerStatus,
  Caller,
  MinerContext,
  Parts,
  ResponseOf,
  RoundContext,
  RoundRequest,
  RoundReward,
  ScoreContext,
  Scored,
  SeededRandom,
  SubnetStateHandle,
  TaskOf,
  ValidatorContext,
} from "./subnet/contexts.ts"
export type {
  Limits,
  RequestKind,
  RoundHandlers,
  RoundSubnetDefinition,
  RoundSubnetWithSettings,
  RoundValidator,
  StateDefinition,
  Subnet,
  TaskHandlers,
  TaskSubnetDefinition,
  TaskSubnetWithSettings,
  TaskValidator,
} from "./subnet/defineSubnet.ts"
export { defaultLimits, defineSubnet, InvalidSubnetDefinition, kind, versionKey } from "./subnet/defineSubnet.ts"
export { minerContext } from "./subnet/minerContext.ts"
export { DTYPES, loadModelOnce, ModelLoadError, modelLoadError, progressLine } from "./subnet/models.ts"
export type { Dtype, LoadHints, ModelSource } from "./subnet/models.ts"
export type { Scoreboard, ScoredResult } from "./subnet/scoreboards.ts"
export { ema, recentResults } from "./subnet/scoreboards.ts"
export { seededRandom } from "./subnet/seededRandom.ts"
export { resolveSubnetConfig, settingsOf, SubnetConfigError } from "./subnet/subnetConfig.ts"
export type { ConfigSources, SubnetConfig } from "./subnet/subnetConfig.ts"
export { startAxon } from "./transport/http/Axon.ts"
export type { AxonOptions, RunningAxon } from "./transport/http/Axon.ts"
export { Dendrite } from "./transport/http/Dendrite.ts"
export { HEADERS as SIGNING_HEADERS, signHeaders, verifyHeaders } from "./transport/http/signing.ts"
export * as HttpTransport from "./transport/HttpTransport.ts"
export * as InProcessTransport from "./transport/InProcessTransport.ts"
export { Transport, TransportError } from "./transport/Transport.ts"
export type {
  Address,
  CallOptions,
  EndpointLimits,
  MinerEndpoint,
  WireReply,
  WireRequest,
} from "./transport/Transport.ts"
