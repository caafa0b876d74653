/**
 * What the framework hands a subnet's functions: the answers a validator scores, and the contexts of a miner's
 * handler, a validator's generator and scorer, and a validator's round.
 */
import type { Effect } from "effect"
import type { Metagraph } from "../metagraph/Metagraph.ts"

/** How a miner's answer came back. */
export type AnswerStatus = "ok" | "timeout" | "refused" | "invalid" | "error"

/** One miner's answer to a task, as the validator's `score` sees it. */
export interface Answer<Response> {
  readonly uid: number
  readonly hotkey: string
  readonly status: AnswerStatus
  /** Present when `status` is "ok". */
  readonly response?: Response
  readonly latencyMs: number
  /** Time to the first streamed element, when the miner streamed. */
  readonly firstChunkMs?: number
  /** Why it is not "ok", for logs and reports. */
  readonly detail?: string
}

/** Seeded randomness for task generation (reproducible simulations). */
export interface SeededRandom {
  /** In [0, 1). */
  readonly next: () => number
  /** An integer in [0, max). */
  readonly int: (max: number) => number
}

/** What a reward is made of (e.g. `{ relevance: 0.4, reason: "echo" }`), for logs and simulation reports. */
export type Parts = Readonly<Record<string, number | string | boolean | null>>

/** A reward with the parts behind it. */
export interface Scored {
  readonly score: number
  readonly parts: Parts
}

/** Who sent a request, as the miner's metagraph knows it. */
export interface Caller {
  readonly hotkey: string
  /** The caller's stake in rao (0 when it holds none). */
  readonly stakeRao: bigint
}

export interface MinerContext<C = unknown> {
  /** The subnet's settings, resolved when the neuron started (see `SubnetConfig`). */
  readonly config: C
  /** The miner's own hotkey. */
  readonly hotkey: string
  /** The request kind being answered ("task" for a subnet with one kind). */
  readonly kind: string
  /** The validator (or client) that sent the request. */
  readonly caller: Caller
  /** Aborted when the request's deadline passes. */
  readonly signal: AbortSignal
  /**
   * A directory of this hotkey's own (created on first read): where a miner keeps data across requests and
   * restarts. Simulations give every simulated hotkey its own.
   */
  readonly dataDir: string
}

export interface ValidatorContext<C = unknown> {
  /** The subnet's settings, resolved when the neuron started (see `SubnetConfig`). */
  readonly config: C
  readonly hotkey: string
  readonly step: number
  readonly random: SeededRandom
}

/** What `score` sees: the validator context and, for hidden-truth subnets, the truth kept beside the task. */
export interface ScoreContext<Truth, C = unknown> extends ValidatorContext<C> {
  readonly truth: Truth
}

/** One reward a round gives, to the miner at `uid`. */
export interface RoundReward {
  readonly uid: number
  readonly reward: number | Scored
}

/** One request of a round: a task for one miner. */
export interface RoundRequest<Task> {
  readonly uid: number
  readonly task: Task
}

/** The validator-side state of a subnet: read it, and replace it (saved atomically before `set` completes). */
export interface SubnetStateHandle<State> {
  readonly get: () => State
  readonly set: (state: State) => Effect.Effect<void>
}

/** What a custom round gets: the chain's view, randomness, sampling, queries and the subnet's own state. */
export interface RoundContext<Kinds, State, C = unknown> extends ValidatorContext<C> {
  readonly netuid: number
  readonly metagraph: Metagraph
  /** The validator's own uid. */
  readonly uid: number
  /** Uids of serving miners (not the validator itself), in uid order. */
  readonly serving: ReadonlyArray<number>
  /** The next `size` serving miners of the validator's sampler (default: the subnet's sample size). */
  readonly sample: (size?: number) => ReadonlyArray<number>
  /**
   * Sends each request (its own task, to its own miner) as `kind`, concurrently, and returns the answers in the
   * same order. Never fails: a miner's failure is its answer's status.
   */
  readonly query: <K extends keyof Kinds & string>(
    kind: K,
    requests: ReadonlyArray<RoundRequest<TaskOf<Kinds[K]>>>,
    options?: { readonly timeoutMs?: number },
  ) => Effect.Effect<ReadonlyArray<Answer<ResponseOf<Kinds[K]>>>>
  readonly state: SubnetStateHandle<State>
}

/** The task type of a request kind. */
export type TaskOf<K> = K extends { readonly task: { readonly Type: infer T } } ? T : never
/** The response type of a request kind. */
export type ResponseOf<K> = K extends { readonly response: { readonly Type: infer R } } ? R : never
