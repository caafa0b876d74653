/**
 * The keys a process may sign chain calls with. Every mutating `Chain` call names the account it acts for (hotkey for
 * weights and axons, coldkey for stake, registration and subnet ownership); the chain layer asks the `Signer` for that
 * account's keypair and signs with it, so a call for an account whose key the process does not hold is refused with
 * `BadOrigin` before anything is sent — as the runtime refuses an extrinsic whose origin is not the account.
 */
import { Context, Effect, Layer } from "effect"
import { devAccounts, devKeypairOf } from "../keys/devKeys.ts"
import type { Keypair } from "../keys/Keys.ts"
import { ChainError } from "./ChainError.ts"

export interface SignerShape {
  /** The addresses this signer holds keys for. */
  readonly accounts: ReadonlyArray<string>
  /** The keypair of `address`, or `ChainError("BadOrigin")` naming the account when this signer does not hold it. */
  readonly keypairFor: (address: string) => Effect.Effect<Keypair, ChainError>
}

export class Signer extends Context.Service<Signer, SignerShape>()("subnetkit/core/chain/Signer") {}

/** A signer over a fixed set of keypairs (a wallet's coldkey and hotkey, a simulation's generated keys). */
export function signerOf(keypairs: Iterable<Keypair>): SignerShape {
  const byAddress = new Map<string, Keypair>()
  for (const pair of keypairs) byAddress.set(pair.address, pair)
  return {
    accounts: [...byAddress.keys()],
    keypairFor: (address) => {
      const pair = byAddress.get(address)
      return pair === undefined
        ? Effect.fail(
          new ChainError({
            reason: "BadOrigin",
            detail: `this process holds no key for ${address}; a call acting for an account must be signed by it`,
          }),
        )
        : Effect.succeed(pair)
    },
  }
}

/** `Signer` from keypairs. */
export const signerLayer = (keypairs: Iterable<Keypair>): Layer.Layer<Signer> =>
  Layer.succeed(Signer, signerOf(keypairs))

/** Signs for every dev key made so far in this process and for the dev sudo key. */
export const devSigner: SignerShape = {
  get accounts() {
    return devAccounts()
  },
  keypairFor: (address) => {
    const pair = devKeypairOf(address)
    return pair === undefined
      ? Effect.fail(
        new ChainError({
          reason: "BadOrigin",
          detail: `no dev key for ${address}; make it with devKeypair(name) first`,
        }),
      )
      : Effect.succeed(pair)
  },
}

/** `Signer` over the dev keys (tests, demos). */
export const devSignerLayer: Layer.Layer<Signer> = Layer.succeed(Signer, devSigner)
