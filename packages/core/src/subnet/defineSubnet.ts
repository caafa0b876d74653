/**
 * The subnet owner's whole API: what a task and an answer look like, what a miner does with a task, and how a
 * validator makes tasks and scores answers. Everything else (transport, chain, weights, payouts) is the framework.
 *
 * Three shapes, each a complete subnet (see the package README and `src/examples/`):
 * - simple: `task`, `response`, `miner`, `validator: { generate, score }`;
 * - hidden truth: add `truth` (a schema); `generate` returns `{ task, truth }`, `score` reads `ctx.truth`, and only
 *   the task ever leaves the validator;
 * - stateful rounds: `kinds` (several named request kinds), `validator: { state, round }`, and miners keeping data
 *   in `ctx.dataDir`.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { defineSubnet } from "@subnetkit/core"
 *
 * export default defineSubnet({
 *   name: "sum", version: "1.0.0",
 *   task: Schema.Struct({ a: Schema.Number, b: Schema.Number }),
 *   response: Schema.Struct({ sum: Schema.Number }),
 *   miner: (task) => Effect.succeed({ sum: task.a + task.b }),
 *   validator: {
 *     generate: (ctx) => Effect.sync(() => ({ a: ctx.random.int(100), b: ctx.random.int(100) })),
 *     score: (task, answers) => Effect.succeed(answers.map((a) => (a.response?.sum === task.a + task.b ? 1 : 0))),
 *   },
 * })
 * ```
 */
import type { Schema, Stream } from "effect"
import { Effect } from "effect"
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
import { ema } from "./scoreboards.ts"
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
interface Common<C> {
  readonly name: string
  /** Semantic version; sent on chain as `version_key` = 1000·major + 10·minor + patch. */
  readonly version: string
  /**
   * Runs before a miner or validator process starts serving (e.g. loads its model); a failure stops the process
   * with its message instead of serving answers it cannot produce or check.
   */
  readonly prepare?: (role: "miner" | "validator", config: C) => Effect.Effect<void, unknown>
  /** The subnet's own settings: a schema with defaults, resolved at start and handed to every function as `ctx.config`. */
  readonly config?: SubnetConfig<C>
  /** How a validator turns results into weights (default `ema({ alpha: 0.1 })`). */
  readonly scoreboard?: Scoreboard<any>
  readonly limits?: Partial<Limits>
}

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

/** The simple and hidden-truth shapes: one request kind ("task"), a generator and a scorer. */
export interface TaskSubnetDefinition<Task, Response, Truth = never, C = unknown> extends Common<C> {
  readonly task: Schema.Codec<Task, unknown>
  readonly response: Schema.Codec<Response, unknown>
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
  /** Declares a hidden truth: `generate` returns `{ task, truth }`; the truth stays with the validator. */
  readonly truth?: Schema.Codec<Truth, unknown>
  readonly validator: TaskValidator<Task, Response, Truth, C>
}

/** The stateful-rounds shape: named request kinds, and a round the validator runs each step. */
export interface RoundSubnetDefinition<Kinds extends Record<string, RequestKind<any, any>>, State, C = unknown>
  extends Common<C>
{
  readonly kinds: Kinds
  readonly validator: RoundValidator<Kinds, State, C>
}

/**
 * A checked subnet, every shape in one form: `kinds` holds every request kind (the simple shapes have one, "task"),
 * `miner` answers any kind (by `ctx.kind`), and `round` is the validator's step (for the simple shapes the default
 * round: generate → query a sample → score). It keeps the definition's fields, so `defineSubnet({ ...subnet, miner })`
 * makes a variant.
 */
export interface Subnet<Task = any, Response = any, V = unknown> extends Common<any> {
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

/** An invalid subnet definition (bad name, version, limits or kinds). */
export class InvalidSubnetDefinition extends Error {
  override readonly name = "InvalidSubnetDefinition"
}

/** `version` "major.minor.patch" → `version_key`, as the subnet template computes `__spec_version__`. */
export function versionKey(version: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version)
  if (m === null) throw new InvalidSubnetDefinition(`version must be "major.minor.patch", got "${version}"`)
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (minor > 99 || patch > 9) {
    throw new InvalidSubnetDefinition(
      `version ${version}: minor must be ≤ 99 and patch ≤ 9, or version keys of different versions collide`,
    )
  }
  return 1000 * major + 10 * minor + patch
}

const KIND_NAME = /^[a-z][a-z0-9-]{0,31}$/

function checkLimits(limits: Partial<Limits> | undefined): Limits {
  const merged = { ...defaultLimits, ...limits }
  for (const [key, value] of Object.entries(merged)) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new InvalidSubnetDefinition(`limits.${key} must be a positive integer, got ${value}`)
    }
  }
  return merged
}

/** Checks a definition and brings it to the one `Subnet` form every runtime reads. */
export function defineSubnet<Task, Response, Truth = never, C = unknown>(
  definition: TaskSubnetDefinition<Task, Response, Truth, C>,
): Subnet<Task, Response, TaskValidator<Task, Response, Truth, C>>
export function defineSubnet<Kinds extends Record<string, RequestKind<any, any>>, State = never, C = unknown>(
  definition: RoundSubnetDefinition<Kinds, State, C>,
): Subnet<unknown, unknown, RoundValidator<Kinds, State, C>>
export function defineSubnet(
  definition: TaskSubnetDefinition<any, any, any, any> | RoundSubnetDefinition<any, any, any>,
): Subnet {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(definition.name)) {
    throw new InvalidSubnetDefinition(
      `name must be lowercase letters, digits and dashes, starting with a letter; got "${definition.name}"`,
    )
  }
  const common = {
    ...definition,
    versionKey: versionKey(definition.version),
    scoreboard: definition.scoreboard ?? ema(),
    limits: checkLimits(definition.limits),
  }
  if ("round" in definition.validator) {
    const { kinds, validator } = definition as RoundSubnetDefinition<any, any, any>
    const names = Object.keys(kinds)
    if (names.length === 0) throw new InvalidSubnetDefinition("kinds must declare at least one request kind")
    for (const name of names) {
      if (!KIND_NAME.test(name)) {
        throw new InvalidSubnetDefinition(`kind name must be lowercase letters, digits and dashes, got "${name}"`)
      }
    }
    const first = kinds[names[0]!]!
    return {
      ...common,
      kinds,
      task: first.task,
      response: first.response,
      miner: (task, ctx) => dispatch(kinds, ctx.kind).miner(task, ctx),
      validator,
      round: validator.round,
      ...(validator.state ? { state: validator.state } : {}),
    }
  }
  const { task, response, miner, truth, validator } = definition as TaskSubnetDefinition<any, any, any, any>
  // The truth is split off here, so nothing downstream of `generate` (requests, logs, traces) can carry it.
  const split = (
    generated: any,
  ): { task: unknown; truth: unknown } => (truth !== undefined ? generated : { task: generated, truth: undefined })
  return {
    ...common,
    kinds: { task: { task, response, miner } },
    task,
    response,
    miner,
    validator,
    generate: (ctx) => Effect.map(validator.generate(ctx), (g) => split(g).task),
    round: (ctx) => defaultRound(ctx, (c) => Effect.map(validator.generate(c), split), validator.score),
  }
}

const dispatch = (kinds: Readonly<Record<string, RequestKind<any, any>>>, name: string): RequestKind<any, any> => {
  const found = kinds[name]
  if (found === undefined) throw new InvalidSubnetDefinition(`no request kind "${name}"`)
  return found
}

/** The simple shapes' round: one task (and its hidden truth) → the sampled miners → the scorer's rewards. */
function defaultRound(
  ctx: RoundContext<any, any>,
  generate: (ctx: ValidatorContext) => Effect.Effect<{ task: unknown; truth: unknown }, unknown>,
  score: (
    task: any,
    answers: ReadonlyArray<Answer<any>>,
    ctx: ScoreContext<any>,
  ) => Effect.Effect<ReadonlyArray<number | Scored>, unknown>,
): Effect.Effect<ReadonlyArray<RoundReward>, unknown> {
  return Effect.gen(function*() {
    const sample = ctx.sample()
    const { task, truth } = yield* generate(ctx)
    if (sample.length === 0) return []
    const answers = yield* ctx.query("task", sample.map((uid) => ({ uid, task })))
    const scored = yield* score(task, answers, {
      config: ctx.config,
      hotkey: ctx.hotkey,
      step: ctx.step,
      random: ctx.random,
      truth,
    })
    if (scored.length !== answers.length) {
      return yield* Effect.die(new Error(`score returned ${scored.length} rewards for ${answers.length} answers`))
    }
    return answers.map((a, i) => ({ uid: a.uid, reward: scored[i]! }))
  })
}
