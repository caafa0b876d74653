/**
 * The validator's state in memory (scoreboard entries and subnet state decoded with the subnet's schemas) and on
 * disk (`ValidatorState`, encoded). Decoding happens once, at load; a file that does not decode stops the validator
 * with an error naming the file and the field, and is never overwritten.
 */
import { Effect, Option, Schema } from "effect"
import type { Subnet } from "../subnet/defineSubnet.ts"
import type { SamplerState } from "./Sampler.ts"
import type { Entries } from "./scoreEntries.ts"
import { entriesToRecord } from "./scoreEntries.ts"
import type { ValidatorState } from "./StateStore.ts"
import type { StateStore } from "./StateStore.ts"
import { initialValidatorState, StateError } from "./StateStore.ts"
import type { WeightBook } from "./WeightSetter.ts"

export interface LiveState {
  readonly step: number
  readonly scores: Entries
  readonly sampler: SamplerState
  readonly weights: WeightBook
  /** The subnet's own state (undefined when it declares none). */
  readonly subnet: unknown
}

const oneLine = (e: unknown) => String(e).replace(/\s+/g, " ")

export const loadValidatorState = Effect.fn("Validator.loadState")(
  function*(subnet: Subnet, store: StateStore["Service"]) {
    const entries = Schema.Record(Schema.String, subnet.scoreboard.entry)
    const subnetState = subnet.state
    const saved = Option.getOrElse(yield* store.load, () => initialValidatorState)
    const fail = (field: string) => (e: unknown) =>
      new StateError({ path: store.where, detail: `${field}: ${oneLine(e)}` })
    const scores: Entries = new Map(
      Object.entries(yield* Schema.decodeUnknownEffect(entries)(saved.scores).pipe(Effect.mapError(fail("scores")))),
    )
    const subnetValue = subnetState === undefined
      ? undefined
      : saved.subnet === undefined
      ? subnetState.initial
      : yield* Schema.decodeUnknownEffect(subnetState.schema)(saved.subnet).pipe(Effect.mapError(fail("subnet")))
    const state: LiveState = {
      step: saved.step,
      scores,
      sampler: saved.sampler,
      subnet: subnetValue,
      weights: { lastWeightsBlock: saved.lastWeightsBlock, pendingReveal: saved.pendingReveal },
    }
    const encodeSubnet = subnetState === undefined ? undefined : Schema.encodeUnknownEffect(subnetState.schema)
    // The subnet's state is encoded when it changes, not on every step's save (a large index would cost every step).
    let subnetEncoded: { readonly value: unknown; readonly encoded: unknown } | undefined
    const encodedSubnet = (value: unknown) =>
      encodeSubnet === undefined || subnetEncoded?.value === value
        ? Effect.succeed(subnetEncoded?.encoded)
        : Effect.tap(
          encodeSubnet(value).pipe(Effect.orDie),
          (encoded) => Effect.sync(() => void (subnetEncoded = { value, encoded })),
        )
    const save = (next: LiveState) =>
      Effect.gen(function*() {
        let scores: Record<string, unknown> | undefined
        const encoded: ValidatorState = {
          version: 1,
          step: next.step,
          sampler: next.sampler,
          // Built when read: a file store reads it to write JSON; a simulation's memory store never does. The entries
          // are saved as they are: scoreboard entries are plain JSON values.
          get scores() {
            return (scores ??= entriesToRecord(next.scores))
          },
          lastWeightsBlock: next.weights.lastWeightsBlock,
          pendingReveal: next.weights.pendingReveal,
          ...(encodeSubnet === undefined ? {} : { subnet: yield* encodedSubnet(next.subnet) }),
        }
        yield* store.save(encoded)
      })
    return { state, save }
  },
)
