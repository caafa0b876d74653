/**
 * How a simulated miner operator behaves. A profile wraps the subnet's real miner handler (an honest one calls it,
 * a lazy one sometimes does not, a copycat returns someone else's answer) and tells the simulated network when the
 * operator is reachable and how much slower than its model it answers. Users add their own profiles: a module whose
 * default export is a `MinerProfile`, named in the scenario's `profile`.
 */
import type { Effect } from "effect"
import type { MinerContext, SeededRandom } from "../subnet/contexts.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import type { ProfileParams } from "./ProfileParams.ts"

/** What miners answered, by hotkey and round (a copycat reads it). */
export interface AnswerLog {
  /** The last answer `hotkey` gave in a round before `round`. */
  readonly latestBefore: (hotkey: string, round: number) => unknown
}

export interface MinerProfileEnv<Task, Response> {
  readonly subnet: Subnet<Task, Response>
  readonly params: ProfileParams
  /** This operator's own seeded stream. */
  readonly random: SeededRandom
  /** This operator's seed, for draws that must not depend on call order (e.g. per round). */
  readonly seed: number
  readonly answers: AnswerLog
  /** Hotkeys of a miner group of the scenario (throws `ScenarioError` for an unknown group). */
  readonly hotkeysOf: (group: string) => ReadonlyArray<string>
  /** Index of this operator within its group. */
  readonly operator: number
}

export interface MinerBehaviour<Task, Response> {
  /** The answer one of the operator's hotkeys gives in `round`. */
  readonly answer: (task: Task, ctx: MinerContext, round: number) => Effect.Effect<Response, unknown>
  /** false when the operator cannot be reached this round (default: always reachable). */
  readonly online?: (round: number) => boolean
  /** Simulated delay added to the model's service time, in ms (Infinity: the answer never arrives in time). */
  readonly delayMs?: (round: number) => number
}

export interface MinerProfile {
  readonly name: string
  /** One line for reports: what this operator does. */
  readonly description: string
  /** Hotkeys each operator registers (default 1; a sybil registers several served by one model). */
  readonly hotkeysPerOperator?: (params: ProfileParams) => number
  readonly make: <Task, Response>(env: MinerProfileEnv<Task, Response>) => MinerBehaviour<Task, Response>
}
