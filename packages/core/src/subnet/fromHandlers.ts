/**
 * `defineSubnet`'s settings slot: a definition whose functions come from `handlers(settings)` becomes a plain one
 * whose functions call the handlers built for the settings they are given (`ctx.config`, or `prepare`'s `config`).
 * Each resolved settings object is built once (a neuron or a simulation resolves its settings once and hands the
 * same object to every call); the defaults are built when the subnet is defined, which tells what it has (a stream,
 * a lazy miner, its request kinds and their schemas, its state).
 */
import { Effect, Stream } from "effect"
import type { MinerContext } from "./contexts.ts"
import { InvalidSubnetDefinition } from "./InvalidSubnetDefinition.ts"
import { perSettings } from "./subnetConfig.ts"
import type {
  RequestKind,
  RoundHandlers,
  RoundSubnetDefinition,
  RoundSubnetWithSettings,
  TaskHandlers,
  TaskSubnetDefinition,
  TaskSubnetWithSettings,
} from "./SubnetDefinition.ts"

type Handlers = TaskHandlers<any, any, any, any> | RoundHandlers<any, any, any>

export function fromHandlers(
  definition: TaskSubnetWithSettings<any, any, any, any> | RoundSubnetWithSettings<any, any, any>,
): TaskSubnetDefinition<any, any, any, any> | RoundSubnetDefinition<any, any, any> {
  const { handlers, ...rest } = definition
  const build = perSettings(definition.config.defaults as object, handlers as (settings: object) => Handlers)
  // A build can throw (a settings' folder that cannot be read): for other settings that is the call's failure.
  const built = (settings: unknown) => Effect.try({ try: () => build(settings as object | undefined), catch: (e) => e })
  const defaults = build(undefined)
  const prepare = defaults.prepare === undefined ? {} : {
    prepare: (role: "miner" | "validator", config: unknown) =>
      Effect.flatMap(built(config), (h) => h.prepare?.(role, config) ?? Effect.void),
  }
  if ("kinds" in defaults) return { ...rest, ...prepare, ...roundFunctions(defaults, built) }
  const task = (h: Handlers) => h as TaskHandlers<any, any, any, any>
  return {
    ...(rest as Omit<TaskSubnetWithSettings<any, any, any, any>, "handlers">),
    ...prepare,
    miner: (input, ctx) => Effect.flatMap(built(ctx.config), (h) => task(h).miner(input, ctx)),
    ...(defaults.minerStream === undefined ? {} : {
      minerStream: (input, ctx) =>
        Stream.unwrap(Effect.map(built(ctx.config), (h) => {
          const { minerStream, miner } = task(h)
          return minerStream?.(input, ctx) ?? Stream.fromEffect(miner(input, ctx))
        })),
    }),
    ...(defaults.lazyMiner === undefined ? {} : {
      lazyMiner: (input, ctx) =>
        Effect.flatMap(built(ctx.config), (h) => (task(h).lazyMiner ?? task(h).miner)(input, ctx)),
    }),
    validator: {
      generate: (ctx) => Effect.flatMap(built(ctx.config), (h) => task(h).validator.generate(ctx)),
      score: (input, answers, ctx) =>
        Effect.flatMap(built(ctx.config), (h) => task(h).validator.score(input, answers, ctx)),
    },
  }
}

/** The round shape: the defaults' kinds (names and schemas) and state, each call run by its settings' handlers. */
function roundFunctions(
  defaults: RoundHandlers<any, any, any>,
  built: (settings: unknown) => Effect.Effect<Handlers, unknown>,
): RoundHandlers<any, any, any> {
  const round = (h: Handlers) => h as RoundHandlers<any, any, any>
  const entries: Array<[string, RequestKind<any, any>]> = Object.entries(defaults.kinds)
  const kinds = Object.fromEntries(entries.map(([name, k]) => [name, {
    task: k.task,
    response: k.response,
    miner: (input: unknown, ctx: MinerContext<unknown>) =>
      Effect.flatMap(built(ctx.config), (h) => {
        const handler = round(h).kinds[name]
        return handler === undefined
          ? Effect.die(new InvalidSubnetDefinition(`handlers for these settings have no request kind "${name}"`))
          : handler.miner(input, ctx)
      }),
  }]))
  return {
    kinds,
    validator: {
      ...(defaults.validator.state === undefined ? {} : { state: defaults.validator.state }),
      round: (ctx) => Effect.flatMap(built(ctx.config), (h) => round(h).validator.round(ctx)),
    },
  }
}
