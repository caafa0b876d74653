import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { devSigner } from "../chain/Signer.ts"
import { DEV_SUDO_ADDRESS, devKeypair, devSudoKeypair } from "./devKeys.ts"
import { keypairFromSeed, keysReady, signMessage, verifyMessage } from "./Keys.ts"

describe("dev keys", () => {
  it.effect("behavior: a name gives the same real sr25519 key every time, and the dev signer holds it", () =>
    Effect.gen(function*() {
      yield* keysReady
      const pair = devKeypair("v1-hot")
      assert.strictEqual(devKeypair("v1-hot"), pair)
      assert.notStrictEqual(devKeypair("v2-hot").address, pair.address)
      assert.isTrue(verifyMessage("m", signMessage(pair, "m"), pair.address))
      assert.strictEqual(yield* devSigner.keypairFor(pair.address), pair)
      assert.include(devSigner.accounts, pair.address)
    }))

  it.effect("behavior: the sudo key is //Alice", () =>
    Effect.gen(function*() {
      assert.strictEqual(devSudoKeypair().address, DEV_SUDO_ADDRESS)
      assert.strictEqual((yield* devSigner.keypairFor(DEV_SUDO_ADDRESS)).address, DEV_SUDO_ADDRESS)
    }))

  it.effect("error: an account that is no dev key is BadOrigin", () =>
    Effect.gen(function*() {
      const stranger = keypairFromSeed(new Uint8Array(32).fill(9)).address
      const error = yield* Effect.flip(devSigner.keypairFor(stranger))
      assert.strictEqual(error.reason, "BadOrigin")
      assert.include(error.message, stranger)
    }))
})
