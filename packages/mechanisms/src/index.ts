/**
 * @subnetkit/mechanisms — pure incentive math: exact fixed point, the Yuma epoch bit-exact with subtensor (one
 * mechanism, or several in one subnet), alternative mechanisms, and block emission. No I/O, no clock, no global
 * randomness.
 */
export { softmax } from "./alternatives/softmax.ts"
export { stakeWeightedMean } from "./alternatives/stakeWeightedMean.ts"
export { topK } from "./alternatives/topK.ts"
export { winnerTakeAll } from "./alternatives/winnerTakeAll.ts"
export { blockEmission, halvingsAt, halvingTimeline, TOTAL_SUPPLY_RAO } from "./emission/blockEmission.ts"
export type { Halving } from "./emission/blockEmission.ts"
export { splitEmission } from "./emission/splitEmission.ts"
export type { EmissionShares, EmissionSplit } from "./emission/splitEmission.ts"
export type { Fixture, FixtureEpoch, FixtureOut } from "./input/fixture.ts"
export { decodeFixture, toFixtureOut } from "./input/fixture.ts"
export { InvalidInput } from "./input/InvalidInput.ts"
export { parseJson, stringifyJson } from "./input/json.ts"
export type {
  AggregatedFixtureOut,
  MechanismFixtureOut,
  MechanismsFixture,
  MechanismsFixtureEpoch,
  MechanismsFixtureEpochOut,
} from "./input/mechanismsFixture.ts"
export { decodeMechanismsFixture, isMechanismsFixture, toMechanismsFixtureOut } from "./input/mechanismsFixture.ts"
export { validateEpochInput } from "./input/validateEpochInput.ts"
export type { EpochInput, EpochOutput, Mechanism, SparseRowU16, U16Row } from "./Mechanism.ts"
export { rowPairs } from "./Mechanism.ts"
export { mechanismByName, mechanismNames } from "./mechanismByName.ts"
export { aggregateTerms } from "./multiMechanism/aggregateTerms.ts"
export { epochWithMechanisms } from "./multiMechanism/epochWithMechanisms.ts"
export { mechanismEmissions, mechanismWeightBits } from "./multiMechanism/mechanismEmissions.ts"
export type {
  AggregatedTerms,
  MechanismStorage,
  SubnetEpochInput,
  SubnetEpochOutput,
} from "./multiMechanism/SubnetEpoch.ts"
export { MAX_MECHANISMS } from "./multiMechanism/SubnetEpoch.ts"
export { validateSubnetEpochInput } from "./multiMechanism/validateSubnetEpochInput.ts"
export { isMaxWeightLimited, maxUpscaleU16 } from "./weights/maxUpscaleU16.ts"
export { resetBonds } from "./yuma/resetBonds.ts"
export { yuma, yuma2, yuma3 } from "./yuma/yuma.ts"
export type { YumaConfig } from "./yuma/YumaConfig.ts"
export { defaultYumaConfig } from "./yuma/YumaConfig.ts"
