/**
 * What a simulation reports: plain JSON values only, rounded (TAO to the rao, shares to 1e-9), so the same scenario
 * and seed give byte-identical output.
 */
import type { Scenario } from "./Scenario.ts"

/** One miner group. */
export interface ProfileSummary {
  readonly name: string
  readonly profile: string
  /** What the profile does, in one line. */
  readonly description: string
  /** Registered hotkeys. */
  readonly miners: number
  readonly operators: number
  /** Its share of all miner emission over the run (0..1). */
  readonly emissionShare: number
  readonly emissionTao: number
  readonly perHotkeyTao: number
  /** Mean over its hotkeys and their registered epochs of the incentive I (0..1). */
  readonly meanIncentive: number
  /** Registration burns and running costs, in TAO. */
  readonly burnTao: number
  readonly costTao: number
  readonly netProfitTao: number
  readonly netPerOperatorTao: number
  /** 1 = the highest net profit per operator: what an operator choosing a strategy compares. */
  readonly rank: number
}

/**
 * One miner operator (a coldkey): the hotkeys it registered, served by one model of `capacity` answers at once.
 * Operators, not hotkeys, are who profits: a sybil's hotkeys each earn little, the operator may earn most.
 */
export interface OperatorSummary {
  /** `group/i`: the i-th operator of a miner group. */
  readonly name: string
  readonly group: string
  readonly profile: string
  readonly hotkeys: number
  readonly capacity: number
  readonly serviceMs: number
  readonly emissionTao: number
  readonly perHotkeyTao: number
  readonly burnTao: number
  readonly costTao: number
  readonly netProfitTao: number
  /** 1 = the highest net profit. */
  readonly rank: number
}

/**
 * The headline on sybils: among operators that run their model on every task (profiles honest and sybil), for one
 * model (same capacity, service time and running cost), the best operator that split it over several hotkeys
 * against the mean operator that kept it on one.
 */
export interface SybilAdvantage {
  readonly capacity: number
  readonly serviceMs: number
  readonly split: { readonly operator: string; readonly hotkeys: number; readonly netProfitTao: number }
  readonly single: { readonly operators: number; readonly netProfitTao: number }
  readonly differenceTao: number
  /** split / single net profit; null when the single operators did not profit. */
  readonly ratio: number | null
}
export interface ValidatorSummary {
  readonly name: string
  readonly group: string
  readonly profile: string
  /** Stake, in TAO. */
  readonly stake: number
  readonly dividendsTao: number
  /** Its share of all validator emission over the run (0..1). */
  readonly dividendShare: number
  /** Dividends per TAO staked. */
  readonly dividendsPerStake: number
  readonly meanValidatorTrust: number
  readonly description: string
  readonly burnTao: number
  readonly costTao: number
  readonly netProfitTao: number
}

export interface MinerSummary {
  readonly hotkey: string
  readonly group: string
  /** The operator (`group/i`) that registered it. */
  readonly operator: string
  readonly meanIncentive: number
  readonly emissionTao: number
}

/** The run under one mechanism. */
export interface SimulationRun {
  readonly mechanism: string
  readonly profiles: ReadonlyArray<ProfileSummary>
  /** Every miner operator, best net profit first. */
  readonly operators: ReadonlyArray<OperatorSummary>
  /** null when the scenario has no operator splitting a model and none keeping the same model on one hotkey. */
  readonly sybilAdvantage: SybilAdvantage | null
  readonly validators: ReadonlyArray<ValidatorSummary>
  readonly miners: ReadonlyArray<MinerSummary>
  readonly totals: { readonly ownerTao: number; readonly minersTao: number; readonly validatorsTao: number }
  readonly series: {
    /** Per miner group: its share of the epoch's miner emission, epoch by epoch. */
    readonly emissionShare: Readonly<Record<string, ReadonlyArray<number>>>
    /** Per miner group: TAO paid to its hotkeys each epoch. */
    readonly minerTao: Readonly<Record<string, ReadonlyArray<number>>>
    /** Per miner group: one operator's net profit so far (earned − burns − costs), after each epoch. */
    readonly netPerOperatorTao: Readonly<Record<string, ReadonlyArray<number>>>
    /** Per validator: dividends paid each epoch, in TAO. */
    readonly dividendsTao: Readonly<Record<string, ReadonlyArray<number>>>
  }
  /** The last epoch's weights (each validator's row normalised over miners) and consensus per miner. */
  readonly lastEpoch: {
    readonly validators: ReadonlyArray<string>
    readonly miners: ReadonlyArray<string>
    readonly weights: ReadonlyArray<ReadonlyArray<number>>
    readonly consensus: ReadonlyArray<number>
  }
  /** Calls a replay under this mechanism refused (0 for the simulated run itself). */
  readonly refusedInReplay: number
}

export interface SimulationResult extends SimulationRun {
  readonly scenario: Scenario
  readonly epochs: number
  /** Per miner group: what the validators' scorers said of its answers (the same under every mechanism). */
  readonly answers: Readonly<Record<string, AnswerSummary>>
  /** The same trace replayed under other mechanisms (`--compare`). */
  readonly compare: ReadonlyArray<SimulationRun>
}

/** What the validators' scorers said of one miner group's answers. */
export interface AnswerSummary {
  readonly answers: number
  readonly meanReward: number
  readonly statuses: Readonly<Record<string, number>>
  readonly reasons: Readonly<Record<string, number>>
  readonly meanParts: Readonly<Record<string, number>>
}
