/**
 * The chain head: the newest block a chain has produced (the mock chain, a localnet) or seen (SubtensorChain, from
 * the node's new heads), held in a `SubscriptionRef`. Every implementation's `waitForBlock` is `waitFor` on it, so
 * "wait until block N" is written once. A remote chain's head can be lost (its connection dropped): whoever waits
 * then fails with the error given to `lose`, and a wait begun after that waits for the next head.
 */
import { Effect, Option, Stream, SubscriptionRef } from "effect"

export interface ChainHead<E = never> {
  /** The newest block. */
  readonly current: Effect.Effect<number>
  /** Completes once the head reaches `block` (at once if it has); returns the head then. */
  readonly waitFor: (block: number) => Effect.Effect<number, E>
  /** Moves the head to `block`; an older block changes nothing (heads arrive out of order). */
  readonly advanceTo: (block: number) => Effect.Effect<void>
  /** Fails every wait in progress with `error`. */
  readonly lose: (error: E) => Effect.Effect<void>
}

interface State<E> {
  readonly block: number
  /** How many times the head was lost, and the last loss's error. */
  readonly losses: number
  readonly lost: E | undefined
}

export const make = <E = never>(block: number): Effect.Effect<ChainHead<E>> =>
  Effect.map(SubscriptionRef.make<State<E>>({ block, losses: 0, lost: undefined }), (ref) => ({
    current: Effect.map(SubscriptionRef.get(ref), (s) => s.block),
    advanceTo: (next) =>
      SubscriptionRef.updateSome(ref, (s) => (next > s.block ? Option.some({ ...s, block: next }) : Option.none())),
    lose: (error) => SubscriptionRef.update(ref, (s) => ({ ...s, losses: s.losses + 1, lost: error })),
    waitFor: (target) =>
      Effect.gen(function*() {
        const start = yield* SubscriptionRef.get(ref)
        if (start.block >= target) return start.block
        // `changes` replays the newest state first, so nothing published since `start` is missed.
        const seen = yield* SubscriptionRef.changes(ref).pipe(
          Stream.filter((s) => s.block >= target || s.losses !== start.losses),
          Stream.runHead,
        )
        const state = Option.getOrThrow(seen) // the ref's changes never end
        return state.block >= target ? state.block : yield* Effect.fail(state.lost as E)
      }),
  }))
