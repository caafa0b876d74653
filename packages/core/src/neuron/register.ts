/**
 * The one registration path of every neuron (CLI processes, simulations, tests): find the hotkey's uid, or register
 * it by burning the cost from its coldkey, waiting for the next block while this block's registrations are used up.
 */
import { Effect, Schema } from "effect"
import { Chain } from "../chain/Chain.ts"
import type { ChainError, ChainUnavailable } from "../chain/ChainError.ts"

/** The hotkey is not registered and registering was not asked for. */
export class NotRegistered extends Schema.TaggedError<NotRegistered>()("NotRegistered", {
  netuid: Schema.Int,
  hotkey: Schema.String,
}) {
  override get message(): string {
    return `hotkey ${this.hotkey} is not registered on subnet ${this.netuid}; register it first (burns the registration cost from its coldkey)`
  }
}

export interface RegisterOptions {
  readonly netuid: number
  readonly hotkey: string
  readonly coldkey: string
  /** Waits until the next block (default: the chain's `waitForBlock`; a simulation produces the block itself). */
  readonly nextBlock?: Effect.Effect<void, ChainError | ChainUnavailable>
  /** Blocks to keep trying before giving up with the chain's error (default 100). */
  readonly maxBlocks?: number
}

/** Registers `hotkey`, retrying in later blocks while the per-block registration limit is reached; returns its uid. */
export const registerWithRetry = Effect.fn("Neuron.register")(function*(options: RegisterOptions) {
  const chain = yield* Chain
  const nextBlock = options.nextBlock ??
    Effect.flatMap(chain.currentBlock, (b) => Effect.asVoid(chain.waitForBlock(b + 1)))
  const attempt = chain.burnedRegister({ netuid: options.netuid, coldkey: options.coldkey, hotkey: options.hotkey })
  for (let tries = 1;; tries++) {
    const uid = yield* attempt.pipe(
      Effect.catchTag(
        "ChainError",
        (e): Effect.Effect<number | null, ChainError> =>
          e.reason === "TooManyRegistrationsThisBlock" && tries < (options.maxBlocks ?? 100)
            ? Effect.succeed(null)
            : Effect.fail(e),
      ),
    )
    if (uid !== null) return uid
    yield* nextBlock
  }
})

/** The hotkey's uid; registers it first when `register` is set, else fails with `NotRegistered`. */
export const ensureRegistered = Effect.fn("Neuron.ensureRegistered")(function*(options: {
  readonly netuid: number
  readonly hotkey: string
  /** The paying coldkey; required to register. */
  readonly coldkey?: string
  readonly register: boolean
}) {
  const chain = yield* Chain
  const found = (yield* chain.subnetState(options.netuid)).neurons.find((n) => n.hotkey === options.hotkey)
  if (found !== undefined) return { uid: found.uid, registered: false }
  if (!options.register || options.coldkey === undefined) {
    return yield* new NotRegistered({ netuid: options.netuid, hotkey: options.hotkey })
  }
  const uid = yield* registerWithRetry({ netuid: options.netuid, hotkey: options.hotkey, coldkey: options.coldkey })
  return { uid, registered: true }
})
