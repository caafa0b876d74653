/**
 * What a subnet definition holds, in each of its shapes (see `defineSubnet`), and the one checked `Subnet` form every
 * runtime reads.
 */
import type { Effect, Schema, Stream } from "effect"
import type { EndpointLimits } from "../transport/Transport.ts"
import { defaultLimits as defaultEndpointLimits } from "../transport/Transport.ts"
import type {
  Answer,
  MinerContext,
  RoundContext,
  RoundReward,
  ScoreContext,
  Scored,
  ValidatorContext,
} from "./contexts.ts"
import type { Scoreboard } from "./scoreboards.ts"
import type { SubnetConfig } from "./subnetConfig.ts"

/** One request kind: its task and response schemas and the miner's handler for it. */
export interface RequestKind<Task, Response> {
  readonly task: Schema.Codec<Task, unknown>
  readonly response: Schema.Codec<Response, unknown>
  readonly miner: (task: Task, ctx: MinerContext) => Effect.Effect<Response, unknown>
}

/** Declares a request kind with its types inferred (for `defineSubnet({ kinds })`). */
export const kind = <Task, Response>(k: RequestKind<Task, Response>): RequestKind<Task, Response> => k

/** Sizes and times a subnet's neurons use; CLI flags override them. Bytes default to 1 MiB per request, 4 MiB per answer. */
export interface Limits extends EndpointLimits {
  /** Per-request timeout (default 12 000 ms, the SDK's). */
  readonly timeoutMs: number
  /** Miners a validator queries per step (default 16). */
  readonly sampleSize: number
}

export const defaultLimits: Limits = { ...defaultEndpointLimits, timeoutMs: 12_000, sampleSize: 16 }

/** Validator-side subnet state: saved with the validator's own state, atomically, and loaded before any write. */
export interface StateDefinition<State> {
  /** How the state is saved (its encoded form must be JSON). */
  readonly schema: Schema.Codec<State, unknown>
  readonly initial: State
}

/** Fields every shape shares. */
export interface Common<C> {
  readonly name: string
  /** Semantic version; sent on chain as `version_key` = 1000·major + 10·minor + patch. */
  readonly version: string
  /** The subnet's own settings: a schema with defaults, resolved at start and handed to every function as `ctx.config`. */
  readonly config?: SubnetConfig<C>
  /** How a validator turns results into weights (default `ema({ alpha: 0.1 })`). */
  readonly scoreboard?: Scoreboard<any>
  readonly limits?: Partial<Limits>
}

/** Runs before a miner or validator process starts serving (see `TaskHandlers.prepare`). */
export type Prepare<C> = (role: "miner" | "validator", config: C) => Effect.Effect<void, unknown>

/** The simple and hidden-truth shapes' validator: a generator and a scorer. */
export interface TaskValidator<Task, Response, Truth, C = unknown> {
  readonly generate: (
    ctx: ValidatorContext<C>,
  ) => Effect.Effect<[Truth] extends [never] ? Task : { readonly task: Task; readonly truth: Truth }, unknown>
  /** One reward in [0, 1] per answer, in the same order — a number, or a `Scored` with the parts behind it. */
  readonly score: (
    task: Task,
    answers: ReadonlyArray<Answer<Response>>,
    ctx: ScoreContext<Truth, C>,
  ) => Effect.Effect<ReadonlyArray<number | Scored>, unknown>
}

/** The stateful-rounds shape's validator: its own state and a round it runs each step. */
export interface RoundValidator<Kinds, State, C = unknown> {
  readonly state?: StateDefinition<State>
  /** One step of the validator: query miners however the protocol needs, and reward them. */
  readonly round: (ctx: RoundContext<Kinds, State, C>) => Effect.Effect<ReadonlyArray<RoundReward>, unknown>
}

/** What a simple or hidden-truth subnet does: its miner and validator functions. */
export interface TaskHandlers<Task, Response, Truth = never, C = unknown> {
  readonly miner: (task: Task, ctx: MinerContext<C>) => Effect.Effect<Response, unknown>
  /**
   * Optional streaming miner: each element is the answer so far (e.g. the text generated up to now) and the last
   * one is the answer. Over WebSocket the elements reach the validator as they come (unsigned, provisional); the
   * final one is signed like any answer. Transports that cannot stream deliver the last element only.
   */
  readonly minerStream?: (task: Task, ctx: MinerContext<C>) => Stream.Stream<Response, unknown>
  /**
   * A cheaper, worse miner (e.g. a smaller model) that simulations' "lazy" miners answer with when they skip the
   * real one; without it they repeat a stale answer.
   */
  readonly lazyMiner?: (task: Task, ctx: MinerContext<C>) => Effect.Effect<Response, unknown>
  /**
   * Runs before a miner or validator process starts serving (e.g. loads its model); a failure stops the process
   * with its message instead of serving answers it cannot produce or check.
   */
  readonly prepare?: Prepare<C>
  readonly validator: TaskValidator<Task, Response, Truth, C>
}

/** What a stateful-rounds subnet does: its request kinds (with the miner's handler of each) and its round. */
export interface RoundHandlers<Kinds extends Record<string, RequestKind<any, any>>, State, C = unknown> {
  readonly kinds: Kinds
  readonly validator: RoundValidator<Kinds, State, C>
  /** As `TaskHandlers.prepare`. */
  readonly prepare?: Prepare<C>
}

/** The wire side of the simple and hidden-truth shapes: one request kind ("task"), and an optional hidden truth. */
interface TaskSchemas<Task, Response, Truth> {
  readonly task: Schema.Codec<Task, unknown>
  readonly response: Schema.Codec<Response, unknown>
  /** Declares a hidden truth: `generate` returns `{ task, truth }`; the truth stays with the validator. */
  readonly truth?: Schema.Codec<Truth, unknown>
}

/** The simple and hidden-truth shapes: one request kind ("task"), a generator and a scorer. */
export interface TaskSubnetDefinition<Task, Response, Truth = never, C = unknown>
  extends Common<C>, TaskSchemas<Task, Response, Truth>, TaskHandlers<Task, Response, Truth, C>
{}

/** The stateful-rounds shape: named request kinds, and a round the validator runs each step. */
export interface RoundSubnetDefinition<Kinds extends Record<string, RequestKind<any, any>>, State, C = unknown>
  extends Common<C>, RoundHandlers<Kinds, State, C>
{}

/**
 * A subnet whose functions are built from its resolved settings: `handlers(settings)` returns what a definition
 * without settings holds (`TaskHandlers` or `RoundHandlers`), and the framework calls it once per resolved settings
 * (a neuron or a simulation resolves them once) and once with the defaults when the subnet is defined, to learn which
 * functions and kinds it has. So make handlers cheap — load models on first use (`loadOnce`), not in `handlers`.
 */
interface WithSettings<C, H> extends Omit<Common<C>, "config"> {
  readonly config: SubnetConfig<C>
  readonly handlers: (settings: C) => H
}

/** A simple or hidden-truth subnet built from its settings (see `WithSettings`). */
export interface TaskSubnetWithSettings<Task, Response, Truth = never, C = unknown>
  extends WithSettings<C, TaskHandlers<Task, Response, Truth, C>>, TaskSchemas<Task, Response, Truth>
{}

/** A stateful-rounds subnet built from its settings (see `WithSettings`); kinds' schemas come from the defaults. */
export interface RoundSubnetWithSettings<Kinds extends Record<string, RequestKind<any, any>>, State, C = unknown>
  extends WithSettings<C, RoundHandlers<Kinds, State, C>>
{}

/**
 * A checked subnet, every shape in one form: `kinds` holds every request kind (the simple shapes have one, "task"),
 * `miner` answers any kind (by `ctx.kind`), and `round` is the validator's step (for the simple shapes the default
 * round: generate → query a sample → score). It keeps the definition's fields, so `defineSubnet({ ...subnet, miner })`
 * makes a variant.
 */
export interface Subnet<Task = any, Response = any, V = unknown> extends Common<any> {
  readonly prepare?: Prepare<any>
  readonly versionKey: number
  readonly kinds: Readonly<Record<string, RequestKind<any, any>>>
  /** The first kind's schemas ("task" for the simple shapes). */
  readonly task: Schema.Codec<Task, unknown>
  readonly response: Schema.Codec<Response, unknown>
  /** Answers a request of any kind (dispatches on `ctx.kind`). */
  readonly miner: (task: Task, ctx: MinerContext<any>) => Effect.Effect<Response, unknown>
  readonly minerStream?: (task: Task, ctx: MinerContext<any>) => Stream.Stream<Response, unknown>
  readonly lazyMiner?: (task: Task, ctx: MinerContext<any>) => Effect.Effect<Response, unknown>
  /** The definition's validator section (`TaskValidator` or `RoundValidator`); runtimes read `round` and `generate`. */
  readonly validator: V
  readonly scoreboard: Scoreboard<any>
  readonly limits: Limits
  readonly state?: StateDefinition<any>
  /** The simple shapes' generator, tasks only (a hidden truth is split off before anyone else sees it). */
  readonly generate?: (ctx: ValidatorContext<any>) => Effect.Effect<Task, unknown>
  readonly round: (ctx: RoundContext<any, any, any>) => Effect.Effect<ReadonlyArray<RoundReward>, unknown>
}
