/**
 * Simulated time for the in-process transport. Each miner operator runs one model that answers `capacity` requests
 * at once in `serviceMs` each; requests to any of its hotkeys in a round queue for it, so the i-th takes
 * (⌊i / capacity⌋ + 1) · serviceMs plus the profile's own delay. Nothing sleeps: a round of thousands of requests
 * takes no wall time, and the same scenario gives the same latencies on every machine.
 */
import type { WireRequest } from "../transport/Transport.ts"
import type { AnswerLog, MinerBehaviour } from "./MinerProfile.ts"

interface Operator {
  readonly serviceMs: number
  readonly capacity: number
  readonly behaviour: MinerBehaviour<unknown, unknown>
  /** Requests received this round. */
  queued: number
  joined: boolean
  left: boolean
}

export class SimulatedNetwork implements AnswerLog {
  round = 0
  private readonly operators = new Map<string, Operator>()
  private readonly answers = new Map<string, Array<{ readonly round: number; readonly response: unknown }>>()

  /** Adds an operator serving `hotkeys`; it is unreachable until `join`. */
  addOperator(
    hotkeys: ReadonlyArray<string>,
    model: { readonly serviceMs: number; readonly capacity: number },
    behaviour: MinerBehaviour<unknown, unknown>,
  ): void {
    const operator: Operator = { ...model, behaviour, queued: 0, joined: false, left: false }
    for (const hotkey of hotkeys) this.operators.set(hotkey, operator)
  }

  join(hotkey: string): void {
    this.operators.get(hotkey)!.joined = true
  }

  leave(hotkey: string): void {
    this.operators.get(hotkey)!.left = true
  }

  beginRound(round: number): void {
    this.round = round
    for (const operator of this.operators.values()) operator.queued = 0
  }

  /** The transport's `simulatedLatencyMs`: null when the target's operator cannot be reached this round. */
  readonly latencyMs = (request: WireRequest): number | null => {
    const operator = this.operators.get(request.target)
    if (operator === undefined || !operator.joined || operator.left) return null
    if (operator.behaviour.online !== undefined && !operator.behaviour.online(this.round)) return null
    const position = operator.queued++
    return (Math.floor(position / operator.capacity) + 1) * operator.serviceMs +
      (operator.behaviour.delayMs?.(this.round) ?? 0)
  }

  record(hotkey: string, response: unknown): void {
    // Kept: the latest answer of this round and of the round before it, all `latestBefore` can ask for.
    const log = this.answers.get(hotkey) ?? []
    if (log.at(-1)?.round === this.round) log.pop()
    log.push({ round: this.round, response })
    if (log.length > 2) log.shift()
    this.answers.set(hotkey, log)
  }

  latestBefore(hotkey: string, round: number): unknown {
    const log = this.answers.get(hotkey) ?? []
    for (let i = log.length - 1; i >= 0; i--) if (log[i]!.round < round) return log[i]!.response
    return undefined
  }
}
