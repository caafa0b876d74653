/**
 * The one way weights reach the chain, for the validator runtime and the simulated validators alike: scores are
 * processed the SDK's way (normalise → chain limits → u16), then set, or on a commit-reveal subnet committed and
 * revealed on a later call once the chain accepts it. At most once per tempo (and within the rate limit); a refusal
 * is logged and retried on a later call, as a real validator would.
 */
import { Effect } from "effect"
import { getRandomValues } from "node:crypto"
import { Chain } from "../chain/Chain.ts"
import type { ChainError } from "../chain/ChainError.ts"
import { commitHash } from "../chain/commitHash.ts"
import { weightsToEmit } from "./processWeights.ts"

/** A commit waiting for its reveal. */
export interface PendingReveal {
  readonly uids: ReadonlyArray<number>
  readonly weights: ReadonlyArray<number>
  readonly salt: ReadonlyArray<number>
  readonly versionKey: number
  readonly commitBlock: number
}

/** What a weight setter must remember across calls (and a validator across restarts). */
export interface WeightBook {
  /** Block of the last set or commit (0: never). */
  readonly lastWeightsBlock: number
  readonly pendingReveal: PendingReveal | null
}

export const emptyWeightBook: WeightBook = { lastWeightsBlock: 0, pendingReveal: null }

export type WeightAction = "set" | "committed" | "revealed"

export interface SendWeightsInput<E> {
  readonly netuid: number
  readonly hotkey: string
  readonly versionKey: number
  /** The block the scores were read at. */
  readonly block: number
  /** Subnet size, and the scores (any scale) of `uids`, computed only when weights are due. */
  readonly n: number
  readonly uids: ReadonlyArray<number>
  readonly scores: () => ReadonlyArray<number>
  readonly book: WeightBook
  /** Keeps the new book before the call returns (a validator writes it to its state file). */
  readonly save: (book: WeightBook) => Effect.Effect<void, E>
}

const refused = (what: string) => (e: ChainError) =>
  Effect.as(Effect.logWarning(`${what} refused: ${e.message}`), false)

/** Reveals a pending commit when due, then sets or commits new weights when the tempo allows; returns what it did. */
export const sendWeights = Effect.fn("Neuron.sendWeights")(function*<E>(input: SendWeightsInput<E>) {
  const chain = yield* Chain
  const h = yield* chain.hyperparameters(input.netuid)
  const actions: Array<WeightAction> = []
  let book = input.book
  if (h.commitRevealEnabled && book.pendingReveal !== null) {
    const pending = book.pendingReveal
    const revealed = yield* chain.revealWeights({ netuid: input.netuid, hotkey: input.hotkey, ...pending }).pipe(
      Effect.as("revealed" as const),
      Effect.catchTag(
        "ChainError",
        (
          e,
        ) => (e.reason === "RevealTooEarly"
          ? Effect.succeed("early" as const)
          : Effect.as(refused("reveal")(e), "dropped" as const)),
      ),
    )
    if (revealed === "early") return actions
    book = { ...book, pendingReveal: null }
    yield* input.save(book)
    if (revealed === "revealed") actions.push("revealed")
  }
  if (book.lastWeightsBlock !== 0 && input.block - book.lastWeightsBlock < Math.max(h.tempo, h.weightsRateLimit)) {
    return actions
  }
  const { uids, weights } = weightsToEmit(input.uids, input.scores(), {
    n: input.n,
    minAllowedWeights: h.minAllowedWeights,
    maxWeightLimitU16: h.maxWeightLimit,
  })
  if (uids.length === 0) return actions
  const call = { netuid: input.netuid, hotkey: input.hotkey, uids, weights, versionKey: input.versionKey }
  if (h.commitRevealEnabled) {
    // The salt hides the weights until the reveal, so it must be unpredictable: not from the (public) task seed.
    // A chain whose reveal takes no salt (spec 185) hashes without one; the reveal then sends an empty salt.
    const salt = chain.revealTakesSalt ? Array.from(getRandomValues(new Uint16Array(8))) : []
    const hash = commitHash({ ...call, values: weights, salt: chain.revealTakesSalt ? salt : null })
    const committed = yield* chain.commitWeights({ netuid: input.netuid, hotkey: input.hotkey, commitHash: hash }).pipe(
      Effect.as(true),
      Effect.catchTag("ChainError", refused("commit")),
    )
    if (!committed) return actions
    yield* input.save({
      lastWeightsBlock: input.block,
      pendingReveal: { uids, weights, salt, versionKey: input.versionKey, commitBlock: input.block },
    })
    actions.push("committed")
    return actions
  }
  const set = yield* chain.setWeights(call).pipe(Effect.as(true), Effect.catchTag("ChainError", refused("set_weights")))
  if (!set) return actions
  yield* input.save({ ...book, lastWeightsBlock: input.block })
  actions.push("set")
  return actions
})
