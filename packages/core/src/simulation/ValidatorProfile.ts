/**
 * How a simulated validator behaves each round. The honest profile is the real validator runtime (`makeValidator`:
 * sample, query through the transport, score with the subnet's scorer, set weights the SDK's way); the others replace
 * parts of it the way real misbehaving validators do. Users add their own: a module whose default export is a
 * `ValidatorProfile`, named in the scenario's `profile`.
 */
import type { Effect } from "effect"
import type { Chain } from "../chain/Chain.ts"
import type { AnswerStatus, Scored } from "../subnet/contexts.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import type { Transport } from "../transport/Transport.ts"
import type { ProfileParams } from "./ProfileParams.ts"

export interface ValidatorProfileEnv<Task, Response> {
  readonly subnet: Subnet<Task, Response>
  readonly netuid: number
  readonly hotkey: string
  readonly params: ProfileParams
  /** This validator's seed (tasks and sampling). */
  readonly seed: number
  readonly sampleSize: number
  readonly timeoutMs: number
  /** The subnet's settings for this run. */
  readonly config: unknown
  /** Hotkeys of a miner group of the scenario (throws `ScenarioError` for an unknown group). */
  readonly hotkeysOf: (group: string) => ReadonlyArray<string>
}

export interface Round {
  readonly round: number
  readonly epoch: number
  /** True on the first round of each epoch, and on its last (the round just before the epoch runs). */
  readonly firstOfEpoch: boolean
  readonly lastOfEpoch: boolean
}

/** One answer a validator scored in a round, for the simulation's report. */
export interface RoundScore {
  readonly hotkey: string
  readonly status: AnswerStatus
  readonly reward: number
  readonly parts?: Scored["parts"]
}

export interface ValidatorBehaviour {
  /** One round; a validator that scored answers returns them. */
  readonly round: (at: Round) => Effect.Effect<ReadonlyArray<RoundScore> | void, unknown, Chain | Transport>
}

export interface ValidatorProfile {
  readonly name: string
  /** One line for reports: what this validator does. */
  readonly description: string
  readonly make: <Task, Response>(
    env: ValidatorProfileEnv<Task, Response>,
  ) => Effect.Effect<ValidatorBehaviour, unknown, Chain>
}
