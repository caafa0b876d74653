/**
 * A subnet's own settings (models, sizes, budgets): one schema with defaults, resolved once when a neuron or a
 * simulation starts — defaults < a config file < the environment < command-line flags — through Effect's `Config`,
 * so environment strings are read with the schema's types. A bad value fails naming the variable, flag or file field.
 */
import { Config, ConfigProvider, Effect, Option, Schema } from "effect"

export interface SubnetConfig<C> {
  /** A struct: one field per setting. */
  readonly schema: Schema.Codec<C, unknown> & { readonly fields: Readonly<Record<string, Schema.Top>> }
  readonly defaults: C
  /** Environment prefix: with "SUBNET_TEXT", field `maxNewTokens` is read from SUBNET_TEXT_MAX_NEW_TOKENS. */
  readonly env?: string
}

/** Where settings come from, lowest precedence first (defaults come from the subnet). */
export interface ConfigSources {
  /** The subnet's section of a config file (already parsed JSON). */
  readonly file?: Readonly<Record<string, unknown>>
  readonly env?: Readonly<Record<string, string | undefined>>
  /** `--set field=value` flags. */
  readonly flags?: Readonly<Record<string, string>>
}

/** A setting that does not decode, or one the subnet does not have. */
export class SubnetConfigError extends Schema.TaggedError<SubnetConfigError>()("SubnetConfigError", {
  subnet: Schema.String,
  where: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `subnet ${this.subnet} configuration, ${this.where}: ${this.detail}`
  }
}

const constantCase = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()
const oneLine = (e: unknown) =>
  String(e).replace(/^ConfigError\(SchemaError\(|\)\)$/g, "").replace(/\s+at \[.*$/s, "").replace(/\s+/g, " ")

/** The settings of a subnet that declares them (undefined for one that does not), from `sources` over its defaults. */
export const settingsOf = (
  subnet: { readonly name: string; readonly config?: SubnetConfig<any> },
  sources: ConfigSources = {},
): Effect.Effect<unknown, SubnetConfigError> => {
  if (subnet.config !== undefined) return resolveSubnetConfig(subnet.name, subnet.config, sources)
  const given = [
    ...Object.keys(sources.flags ?? {}).map((k) => `--set ${k}`),
    ...Object.keys(sources.file ?? {}).map((k) => `config file field ${k}`),
  ]
  return given.length === 0
    ? Effect.succeed(undefined)
    : Effect.fail(
      new SubnetConfigError({ subnet: subnet.name, where: given[0]!, detail: "this subnet has no settings" }),
    )
}

/** The settings from `sources` over the defaults. */
export const resolveSubnetConfig = Effect.fn("Subnet.resolveConfig")(function*<C>(
  name: string,
  config: SubnetConfig<C>,
  sources: ConfigSources = {},
) {
  const fields = Object.keys(config.schema.fields)
  for (const [from, values] of [["config file", sources.file], ["--set", sources.flags]] as const) {
    const unknown = Object.keys(values ?? {}).filter((k) => !fields.includes(k))
    if (unknown.length > 0) {
      return yield* new SubnetConfigError({
        subnet: name,
        where: `${from} ${unknown[0]}`,
        detail: `no such setting (settings: ${fields.join(", ")})`,
      })
    }
  }
  const prefix = config.env
  const layers: ReadonlyArray<
    { readonly provider: ConfigProvider.ConfigProvider; readonly where: (field: string) => string }
  > = [
    { provider: ConfigProvider.fromUnknown(sources.flags ?? {}), where: (f) => `--set ${f}` },
    ...(prefix === undefined ? [] : [{
      provider: ConfigProvider.fromEnv({
        env: Object.fromEntries(
          Object.entries(sources.env ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
        ),
      })
        .pipe(ConfigProvider.constantCase, ConfigProvider.nested(prefix)),
      where: (f: string) => `${prefix}_${constantCase(f)}`,
    }]),
    { provider: ConfigProvider.fromUnknown(sources.file ?? {}), where: (f) => `config file field ${f}` },
  ]
  const resolved: Record<string, unknown> = {
    ...(yield* Schema.encodeUnknownEffect(config.schema)(config.defaults).pipe(Effect.orDie)) as object,
  }
  for (const field of fields) {
    const fieldSchema = config.schema.fields[field] as Schema.Codec<unknown, unknown>
    for (const { provider, where } of layers) {
      const found = yield* Config.option(Config.schema(fieldSchema, field)).parse(provider).pipe(
        Effect.mapError((e) => new SubnetConfigError({ subnet: name, where: where(field), detail: oneLine(e) })),
      )
      if (Option.isSome(found)) {
        resolved[field] = yield* Schema.encodeUnknownEffect(fieldSchema)(found.value).pipe(Effect.orDie)
        break
      }
    }
  }
  return yield* Schema.decodeUnknownEffect(config.schema)(resolved).pipe(
    Effect.mapError((e) => new SubnetConfigError({ subnet: name, where: "settings", detail: oneLine(e) })),
  )
})

/**
 * `build(settings)` once per resolved settings object: a subnet's functions receive the same `ctx.config` object on
 * every call, so handlers (models, folders) made from it are made once. Without settings (a function called directly),
 * the defaults.
 */
export function perSettings<S extends object, A>(
  defaults: S,
  build: (settings: S) => A,
): (settings: S | undefined) => A {
  const built = new WeakMap<S, A>()
  return (settings) => {
    const key = settings ?? defaults
    let value = built.get(key)
    if (value === undefined) built.set(key, value = build(key))
    return value
  }
}
