/**
 * Where a validator keeps what it learned (scoreboard entries by hotkey, step, weights bookkeeping, the subnet's own
 * state) across restarts. Entries and subnet state are kept as their schemas encode them (the validator decodes them
 * with the subnet's schemas on load). The file
 * implementation writes atomically (temp + rename), so after any crash the file holds the last complete state; a
 * file that does not decode stops the validator with an error naming the file, and is never overwritten.
 */
import { Context, Effect, Layer, Option, Schema } from "effect"
import { readFile } from "node:fs/promises"
import { writeFileAtomic } from "../io/writeFileAtomic.ts"

const Int = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

export const ValidatorState = Schema.Struct({
  version: Schema.Literal(1),
  step: Int,
  /** Scoreboard entries by hotkey, encoded (EMA: a number). */
  scores: Schema.Record(Schema.String, Schema.Unknown),
  lastWeightsBlock: Int,
  sampler: Schema.Struct({ order: Schema.Array(Int), cursor: Int }),
  /** A commit waiting for its reveal (commit-reveal subnets). */
  pendingReveal: Schema.NullOr(Schema.Struct({
    uids: Schema.Array(Int),
    weights: Schema.Array(Int),
    salt: Schema.Array(Int),
    versionKey: Int,
    commitBlock: Int,
  })),
  /** The subnet's validator-side state, encoded by its schema (absent: the subnet keeps none, or nothing saved yet). */
  subnet: Schema.optional(Schema.Unknown),
})
export type ValidatorState = typeof ValidatorState.Type

export const initialValidatorState: ValidatorState = {
  version: 1,
  step: 0,
  scores: {},
  lastWeightsBlock: 0,
  sampler: { order: [], cursor: 0 },
  pendingReveal: null,
}

export class StateError
  extends Schema.TaggedError<StateError>()("StateError", { path: Schema.String, detail: Schema.String })
{
  override get message(): string {
    return `Validator state ${this.path}: ${this.detail}. Fix or move the file; it is not overwritten.`
  }
}

export class StateStore extends Context.Service<StateStore, {
  /** Where the state is kept, for error messages. */
  readonly where: string
  /** The saved state, or None when nothing was saved yet. */
  readonly load: Effect.Effect<Option.Option<ValidatorState>, StateError>
  readonly save: (state: ValidatorState) => Effect.Effect<void, StateError>
}>()("subnetkit/core/neuron/StateStore") {
  /** Keeps the state in memory (tests, simulations). */
  static layerMemory(initial?: ValidatorState): Layer.Layer<StateStore> {
    return Layer.sync(StateStore, () => {
      let saved = initial
      return StateStore.of({
        where: "memory",
        load: Effect.sync(() => (saved === undefined ? Option.none() : Option.some(saved))),
        save: (state) => Effect.sync(() => void (saved = state)),
      })
    })
  }

  /** A JSON file written atomically. */
  static layerFile(path: string): Layer.Layer<StateStore> {
    const decode = Schema.decodeUnknownSync(Schema.fromJsonString(ValidatorState))
    return Layer.succeed(
      StateStore,
      StateStore.of({
        where: path,
        load: Effect.tryPromise({
          try: () =>
            readFile(path, "utf8").catch((
              e: NodeJS.ErrnoException,
            ) => (e.code === "ENOENT" ? undefined : Promise.reject(e))),
          catch: (e) => new StateError({ path, detail: (e as Error).message }),
        }).pipe(Effect.flatMap((text) =>
          text === undefined
            ? Effect.succeed(Option.none<ValidatorState>())
            : Effect.try({
              try: () => Option.some(decode(text)),
              catch: (e) => new StateError({ path, detail: String(e).replace(/\s+/g, " ") }),
            })
        )),
        save: (state) =>
          Effect.tryPromise({
            try: () => writeFileAtomic(path, JSON.stringify(state)),
            catch: (e) => new StateError({ path, detail: (e as Error).message }),
          }),
      }),
    )
  }
}
