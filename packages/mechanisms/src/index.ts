/**
 * @subnetkit/mechanisms — pure incentive math: exact fixed point, the Yuma epoch bit-exact with subtensor,
 * alternative mechanisms, and block emission. No I/O, no clock, no global randomness.
 */
export type { EpochInput, EpochOutput, Mechanism, SparseRowU16, U16Row } from "./Mechanism.ts"
export { rowPairs } from "./Mechanism.ts"
export { yuma, yuma2, yuma3 } from "./yuma/yuma.ts"
export type { YumaConfig } from "./yuma/YumaConfig.ts"
export { defaultYumaConfig } from "./yuma/YumaConfig.ts"
export { InvalidInput } from "./input/InvalidInput.ts"
export { validateEpochInput } from "./input/validateEpochInput.ts"
export { parseJson, stringifyJson } from "./input/json.ts"
export type { Fixture, FixtureEpoch, FixtureOut } from "./input/fixture.ts"
export { decodeFixture, toFixtureOut } from "./input/fixture.ts"
export { blockEmission, halvingTimeline, halvingsAt, TOTAL_SUPPLY_RAO } from "./emission/blockEmission.ts"
export type { Halving } from "./emission/blockEmission.ts"
export { splitEmission } from "./emission/splitEmission.ts"
export type { EmissionShares, EmissionSplit } from "./emission/splitEmission.ts"
export { stakeWeightedMean } from "./alternatives/stakeWeightedMean.ts"
export { winnerTakeAll } from "./alternatives/winnerTakeAll.ts"
export { topK } from "./alternatives/topK.ts"
export { softmax } from "./alternatives/softmax.ts"
export { mechanismByName, mechanismNames } from "./mechanismByName.ts"
export { resetBonds } from "./yuma/resetBonds.ts"
