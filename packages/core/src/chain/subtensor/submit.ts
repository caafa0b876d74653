/**
 * Signing and submitting extrinsics, waiting for inclusion. Nonces never collide: calls of one account run one at a
 * time, and each takes the larger of the chain's next index (`system_accountNextIndex`, which counts the pool) and
 * one past the last nonce this process saw included (a node can answer a stale index just after a block). A call
 * that is not included within the timeout, or whose connection drops, fails with `ChainUnavailable`: it may or may
 * not have happened.
 */
import type { ApiPromise } from "@polkadot/api"
import type { SubmittableExtrinsic } from "@polkadot/api/types"
import { Keyring } from "@polkadot/keyring"
import type { KeyringPair } from "@polkadot/keyring/types"
import type { Call, DispatchError, EventRecord } from "@polkadot/types/interfaces"
import { Effect, Semaphore } from "effect"
import type { Keypair } from "../../keys/Keys.ts"
import { ChainError, ChainUnavailable } from "../ChainError.ts"
import { chainErrorOf } from "./dispatchErrors.ts"

export interface SubmitOptions {
  /** Default 60 s. */
  readonly timeoutMs?: number
  /** Default "inBlock"; "finalized" waits for finality too. */
  readonly waitFor?: "inBlock" | "finalized"
}

export interface Submitter {
  /**
   * Signs `call` with `signer`, submits it, and succeeds with the block's events of this extrinsic. Every failure is
   * typed: the runtime or its pool refused it (`ChainError`), or the node could not be reached, before or after
   * sending (`ChainUnavailable`: it may or may not have happened).
   */
  readonly submit: (
    signer: Keypair,
    call: Call,
    label: string,
  ) => Effect.Effect<ReadonlyArray<EventRecord>, ChainError | ChainUnavailable>
  /** Fails every call in flight (the connection dropped). */
  readonly failInFlight: (detail: string) => void
}

/** The typed refusal for a dispatch error (module errors by their metadata name, `BadOrigin` and the rest by kind). */
export function dispatchFailure(api: ApiPromise, error: DispatchError, label: string): ChainError {
  if (error.isModule) {
    const meta = api.registry.findMetaError(error.asModule)
    return chainErrorOf({
      pallet: meta.section.charAt(0).toUpperCase() + meta.section.slice(1),
      name: meta.name,
      docs: meta.docs.join(" "),
    }, label)
  }
  return chainErrorOf({ pallet: "", name: error.type }, label)
}

/** A dispatch error hidden in an event: `Sudo.Sudid(Err)` and `Utility.BatchInterrupted` do not fail the extrinsic. */
function innerFailure(api: ApiPromise, events: ReadonlyArray<EventRecord>, label: string): ChainError | null {
  for (const { event } of events) {
    if (event.section === "sudo" && event.method === "Sudid") {
      const result = event.data[0] as unknown as { isErr: boolean; asErr: DispatchError }
      if (result.isErr) return dispatchFailure(api, result.asErr, label)
    }
    if (event.section === "utility" && event.method === "BatchInterrupted") {
      return dispatchFailure(api, event.data[1] as DispatchError, label)
    }
  }
  return null
}

export function makeSubmitter(api: ApiPromise, url: string, options: SubmitOptions = {}): Submitter {
  const keyring = new Keyring({ type: "sr25519", ss58Format: 42 })
  const pairs = new Map<string, KeyringPair>()
  const queues = new Map<string, Semaphore.Semaphore>()
  const included = new Map<string, number>()
  const inFlight = new Set<(e: ChainUnavailable) => void>()
  const timeoutMs = options.timeoutMs ?? 60_000

  const pairOf = (k: Keypair) => {
    let pair = pairs.get(k.address)
    if (pair === undefined) {
      pair = keyring.addFromPair({ publicKey: k.publicKey, secretKey: k.secretKey })
      pairs.set(k.address, pair)
    }
    return pair
  }
  /** One account's calls run one at a time, so their nonces never collide. */
  const queueOf = (address: string) => {
    let queue = queues.get(address)
    if (queue === undefined) queues.set(address, queue = Semaphore.makeUnsafe(1))
    return queue
  }

  const nextNonce = (signer: Keypair, label: string) =>
    Effect.map(
      Effect.tryPromise({
        try: () => api.rpc.system.accountNextIndex(signer.address),
        catch: (e) =>
          new ChainUnavailable({ url, detail: `${label}: reading the next nonce: ${(e as Error).message}` }),
      }),
      (next) => Math.max(next.toNumber(), (included.get(signer.address) ?? -1) + 1),
    )

  /** Sends `tx` with `nonce` and waits for its inclusion; interrupted, it stops watching (it may still be included). */
  const send = (signer: Keypair, tx: SubmittableExtrinsic<"promise">, nonce: number, label: string) =>
    Effect.callback<ReadonlyArray<EventRecord>, ChainError | ChainUnavailable>((resume) => {
      let unsubscribe: (() => void) | null = null
      let finished = false
      const done = (outcome: Effect.Effect<ReadonlyArray<EventRecord>, ChainError | ChainUnavailable>) => {
        if (finished) return
        finished = true
        clearTimeout(timer)
        inFlight.delete(onDrop)
        unsubscribe?.()
        resume(outcome)
      }
      const onDrop = (e: ChainUnavailable) => done(Effect.fail(e))
      inFlight.add(onDrop)
      const timer = setTimeout(
        () =>
          done(Effect.fail(
            new ChainUnavailable({
              url,
              detail: `${label} was not included within ${timeoutMs / 1000} s; it may still be`,
            }),
          )),
        timeoutMs,
      )
      tx.signAndSend(pairOf(signer), { nonce }, (result) => {
        const status = result.status
        if (status.isDropped || status.isInvalid || status.isUsurped) {
          return done(Effect.fail(
            new ChainError({
              reason: "RuntimeRefused",
              detail: `${label}: the transaction pool dropped it (${status.type})`,
            }),
          ))
        }
        const reached = options.waitFor === "finalized" ? status.isFinalized : status.isInBlock || status.isFinalized
        if (!reached) return
        included.set(signer.address, nonce)
        const failure = result.dispatchError
          ? dispatchFailure(api, result.dispatchError, label)
          : innerFailure(api, result.events, label)
        done(failure ? Effect.fail(failure) : Effect.succeed(result.events))
      }).then((unsub) => {
        if (finished) unsub()
        else unsubscribe = unsub
      }, (e: Error) => done(Effect.fail(poolRefusal(url, label, e))))
      return Effect.sync(() => {
        finished = true
        clearTimeout(timer)
        inFlight.delete(onDrop)
        unsubscribe?.()
      })
    })

  return {
    submit: (signer, call, label) =>
      queueOf(signer.address).withPermits(1)(Effect.gen(function*() {
        const nonce = yield* nextNonce(signer, label)
        const tx = yield* Effect.try({
          try: () => api.tx(call),
          catch: (e) => new ChainError({ reason: "InvalidArguments", detail: `${label}: ${(e as Error).message}` }),
        })
        return yield* send(signer, tx, nonce, label)
      })),
    failInFlight: (detail) => {
      for (const fail of [...inFlight]) fail(new ChainUnavailable({ url, detail }))
    },
  }
}

/**
 * `author_submitAndWatchExtrinsic` errors: the pool's validity checks (1010) are refusals, anything else is the
 * connection. Subtensor's signed extension refuses a registration over the interval's limit as `ExhaustsResources`,
 * and fees that cannot be paid are `Payment`; other validity errors keep the runtime's text.
 */
function poolRefusal(url: string, label: string, e: Error): ChainError | ChainUnavailable {
  if (!/^1010|Invalid Transaction|^1012|^1014/.test(e.message)) {
    return new ChainUnavailable({ url, detail: `${label}: ${e.message}` })
  }
  const detail = `${label}: the transaction pool refused it: ${e.message}`
  if (/exhaustsResources/i.test(e.message) && /register/i.test(label)) {
    return new ChainError({ reason: "TooManyRegistrationsThisBlock", detail })
  }
  if (/"payment"|Inability to pay/i.test(e.message)) {
    return new ChainError({ reason: "NotEnoughBalanceToStake", detail })
  }
  return new ChainError({ reason: "RuntimeRefused", detail })
}
