import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Chain } from "../chain/Chain.ts"
import { ChainControl } from "../chain/ChainControl.ts"
import { refuse } from "../chain/ChainError.ts"
import { commitHash } from "../chain/commitHash.ts"
import { MockChain } from "../chain/MockChain.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { setupLocalSubnet } from "../testing/localSubnet.ts"
import type { WeightBook } from "./WeightSetter.ts"
import { emptyWeightBook, sendWeights } from "./WeightSetter.ts"

/**
 * The mock chain with spec 185's commit-reveal rule: the hash has no salt and the reveal carries none. Its reveal
 * checks the unsalted hash of what is revealed against the commit, as the runtime does.
 */
const unsaltedChain = Effect.gen(function*() {
  const chain = yield* Chain
  const commits = new Map<string, string>()
  return Chain.of({
    ...chain,
    revealTakesSalt: false,
    commitWeights: (input) => Effect.sync(() => void commits.set(input.hotkey, input.commitHash)),
    revealWeights: (input) => {
      const hash = commitHash({ ...input, values: input.weights, salt: null })
      return input.salt.length === 0 && commits.get(input.hotkey) === hash
        ? Effect.sync(() => void commits.delete(input.hotkey))
        : Effect.fail(refuse("InvalidRevealCommitHashNotMatch", `salt ${JSON.stringify(input.salt)}, hash ${hash}`))
    },
  })
})

describe("sendWeights", () => {
  it.effect("behavior: on a chain whose reveal takes no salt, it commits the unsalted hash and reveals without a salt", () =>
    Effect.gen(function*() {
      const { netuid, validators } = yield* setupLocalSubnet({
        validatorStakesTao: [10],
        miners: 2,
        hyperparameters: { tempo: 10, commitRevealEnabled: true },
      })
      const chain = yield* unsaltedChain
      const control = yield* ChainControl
      let book: WeightBook = emptyWeightBook
      const step = Effect.gen(function*() {
        const block = yield* chain.currentBlock
        return yield* sendWeights({
          netuid,
          hotkey: validators[0]!.hotkey,
          versionKey: 0,
          block,
          n: 4,
          uids: [2, 3],
          scores: () => [0.25, 0.75],
          book,
          save: (next) => Effect.sync(() => void (book = next)),
        }).pipe(Effect.provideService(Chain, chain))
      })
      assert.deepStrictEqual(yield* step, ["committed"])
      assert.deepStrictEqual(book.pendingReveal?.salt, [])
      yield* control.advance(11)
      assert.deepStrictEqual(yield* step, ["revealed"])
      assert.strictEqual(book.pendingReveal, null)
    }).pipe(Effect.provide(MockChain.layer().pipe(Layer.provide(devSignerLayer)))))
})
