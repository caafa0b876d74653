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
import { Effect } from "effect"
import type { Answer, RoundContext, RoundReward, ScoreContext, Scored, ValidatorContext } from "./contexts.ts"
import { fromHandlers } from "./fromHandlers.ts"
import { InvalidSubnetDefinition } from "./InvalidSubnetDefinition.ts"
import { ema } from "./scoreboards.ts"
import type {
  Limits,
  RequestKind,
  RoundSubnetDefinition,
  RoundSubnetWithSettings,
  RoundValidator,
  Subnet,
  TaskSubnetDefinition,
  TaskSubnetWithSettings,
  TaskValidator,
} from "./SubnetDefinition.ts"
import { defaultLimits } from "./SubnetDefinition.ts"

export { InvalidSubnetDefinition }
export { defaultLimits, kind } from "./SubnetDefinition.ts"
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
} from "./SubnetDefinition.ts"

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
  definition: TaskSubnetWithSettings<Task, Response, Truth, C>,
): Subnet<Task, Response, TaskValidator<Task, Response, Truth, C>>
export function defineSubnet<Kinds extends Record<string, RequestKind<any, any>>, State = never, C = unknown>(
  definition: RoundSubnetWithSettings<Kinds, State, C>,
): Subnet<unknown, unknown, RoundValidator<Kinds, State, C>>
export function defineSubnet<Task, Response, Truth = never, C = unknown>(
  definition: TaskSubnetDefinition<Task, Response, Truth, C>,
): Subnet<Task, Response, TaskValidator<Task, Response, Truth, C>>
export function defineSubnet<Kinds extends Record<string, RequestKind<any, any>>, State = never, C = unknown>(
  definition: RoundSubnetDefinition<Kinds, State, C>,
): Subnet<unknown, unknown, RoundValidator<Kinds, State, C>>
export function defineSubnet(
  given:
    | TaskSubnetDefinition<any, any, any, any>
    | RoundSubnetDefinition<any, any, any>
    | TaskSubnetWithSettings<any, any, any, any>
    | RoundSubnetWithSettings<any, any, any>,
): Subnet {
  const definition = "handlers" in given ? fromHandlers(given) : given
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
