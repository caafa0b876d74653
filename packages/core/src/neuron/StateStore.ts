/**
 * Where a validator keeps what it learned (scores by hotkey, step, weights bookkeeping) across restarts. The file
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
  scores: Schema.Record(Schema.String, Schema.Finite),
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
})
export type ValidatorState = typeof ValidatorState.Type

export const initialValidatorState: ValidatorState = {
  version: 1, step: 0, scores: {}, lastWeightsBlock: 0, sampler: { order: [], cursor: 0 }, pendingReveal: null,
}

export class StateError extends Schema.TaggedError<StateError>()("StateError", { path: Schema.String, detail: Schema.String }) {
  override get message(): string {
    return `Validator state ${this.path}: ${this.detail}. Fix or move the file; it is not overwritten.`
  }
}

export class StateStore extends Context.Service<StateStore, {
  /** The saved state, or None when nothing was saved yet. */
  readonly load: Effect.Effect<Option.Option<ValidatorState>, StateError>
  readonly save: (state: ValidatorState) => Effect.Effect<void, StateError>
}>()("subnetkit/core/neuron/StateStore") {
  /** Keeps the state in memory (tests, simulations). */
  static layerMemory(initial?: ValidatorState): Layer.Layer<StateStore> {
    return Layer.sync(StateStore, () => {
      let saved = initial
      return StateStore.of({
        load: Effect.sync(() => (saved === undefined ? Option.none() : Option.some(saved))),
        save: (state) => Effect.sync(() => void (saved = state)),
      })
    })
  }

  /** A JSON file written atomically. */
  static layerFile(path: string): Layer.Layer<StateStore> {
    const decode = Schema.decodeUnknownSync(Schema.fromJsonString(ValidatorState))
    return Layer.succeed(StateStore, StateStore.of({
      load: Effect.tryPromise({
        try: () => readFile(path, "utf8").catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? undefined : Promise.reject(e))),
        catch: (e) => new StateError({ path, detail: (e as Error).message }),
      }).pipe(Effect.flatMap((text) =>
        text === undefined
          ? Effect.succeed(Option.none<ValidatorState>())
          : Effect.try({ try: () => Option.some(decode(text)), catch: (e) => new StateError({ path, detail: String(e).replace(/\s+/g, " ") }) })
      )),
      save: (state) =>
        Effect.tryPromise({
          try: () => writeFileAtomic(path, JSON.stringify(state)),
          catch: (e) => new StateError({ path, detail: (e as Error).message }),
        }),
    }))
  }
}
