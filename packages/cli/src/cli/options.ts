/**
 * A command's options, each declared once (its flag name as the key, its kind, how its text is decoded): from the
 * declaration come the effect/cli flags that parse it, the typed values the command receives (camelCase keys, so
 * `--block-time` is `blockTime`), the `SUBNET_<OPTION>` and `--config` fallbacks (configuration.ts) and the names a
 * config file may use.
 */
import * as CliError from "effect/cli/CliError"
import * as Flag from "effect/cli/Flag"
import * as Effect from "effect/Effect"

/** A flag's value from the environment or a config file, used when the flag is not on the command line. */
export type Fallback = string | boolean | undefined

export interface Option<A> {
  readonly kind: "string" | "boolean" | "list"
  readonly flag: (name: string, fallback: Fallback) => Flag.Flag<A>
}

export type Options = Readonly<Record<string, Option<unknown>>>

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S

/** The values a command receives for `O`. */
export type Values<O extends Options> = {
  readonly [K in keyof O & string as Camel<K>]: O[K] extends Option<infer A> ? A : never
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

// Every flag may be repeated, the last one wins (as node's parseArgs did): a script may append to a command line.
const text = (name: string, fallback: Fallback) =>
  Flag.String(name).pipe(Flag.atLeast(0), Flag.map((xs) => xs.at(-1) ?? (fallback as string | undefined)))

export const string: Option<string | undefined> = { kind: "string", flag: text }

export const boolean: Option<boolean> = {
  kind: "boolean",
  flag: (name, fallback) =>
    Flag.Boolean(name).pipe(Flag.withoutNegation, Flag.atLeast(0), Flag.map((xs) => xs.at(-1) ?? fallback === true)),
}

/** A repeatable flag (`--set a=1 --set b=2`); never from the environment. */
export const list: Option<ReadonlyArray<string>> = {
  kind: "list",
  flag: (name) => Flag.String(name).pipe(Flag.atLeast(0)),
}

/** A number flag: `expected` names what a valid value is in the one-line error (see reportFailure.ts). */
const number = (expected: string, valid: (n: number) => boolean): Option<number | undefined> => ({
  kind: "string",
  flag: (name, fallback) =>
    text(name, fallback).pipe(Flag.mapEffect((value) => {
      if (value === undefined) return Effect.succeed(undefined)
      const n = Number(value)
      return value.trim() !== "" && valid(n)
        ? Effect.succeed(n)
        : Effect.fail(new CliError.InvalidValue({ option: name, value, expected, kind: "flag" }))
    })),
})

/** A whole number in [min, max]. */
export const integer = (min = 0, max = Number.MAX_SAFE_INTEGER): Option<number | undefined> =>
  number(
    min === 0 && max === Number.MAX_SAFE_INTEGER ? "a whole number" : `an integer in [${min}, ${max}]`,
    (n) => Number.isInteger(n) && n >= min && n <= max,
  )

/** A positive, finite number (seconds and the like). */
export const positive: Option<number | undefined> = number("a positive number", (n) => n > 0 && Number.isFinite(n))

/** The port flags: any port, 0 for a free one. */
export const port = integer(0, 65535)

/** The effect/cli flags of `options`, keyed as the command receives them. */
export const flagsOf = <O extends Options>(options: O, fallback: (name: string) => Fallback) =>
  Object.fromEntries(
    Object.entries(options).map(([name, option]) => [camel(name), option.flag(name, fallback(name))]),
  ) as unknown as { readonly [K in keyof Values<O>]: Flag.Flag<Values<O>[K]> }
