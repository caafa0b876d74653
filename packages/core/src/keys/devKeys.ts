/**
 * Development keys: deterministic sr25519 keypairs named by a string, for tests, demos and the localnet's sudo.
 * Their secrets follow from public names, so they protect nothing — never hold value with them.
 *
 * `devKeypair(name)` derives the keypair from sha256("subnetkit-dev/" + name) (about a millisecond; cached) and
 * remembers it; `devSigner` then signs for every dev key made in this process, plus the localnet's sudo key
 * (`//Alice`, as on a subtensor dev chain). So a test can name accounts freely (`devKeypair("v1-hot").address`) and
 * still have every call signed by its account.
 */
import { createHash } from "node:crypto"
import type { Keypair } from "./Keys.ts"
import { keypairFromSeed, keypairFromUri } from "./Keys.ts"

/** SS58 address of `//Alice`, the dev chain's sudo key (the localnet's too). */
export const DEV_SUDO_ADDRESS = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"

const byName = new Map<string, Keypair>()
const byAddress = new Map<string, Keypair>()

/** The dev keypair named `name` (same name, same key, in every process). */
export function devKeypair(name: string): Keypair {
  let pair = byName.get(name)
  if (pair === undefined) {
    pair = keypairFromSeed(createHash("sha256").update(`subnetkit-dev/${name}`).digest())
    byName.set(name, pair)
    byAddress.set(pair.address, pair)
  }
  return pair
}

let sudo: Keypair | undefined
/** `//Alice`: the key `advance`, `fund` and any subnet's hyperparameters answer to on a localnet (derived once, ~20 ms). */
export const devSudoKeypair = (): Keypair => (sudo ??= keypairFromUri("//Alice"))

/** The dev keypair whose address is `address`, if one was made in this process (or `//Alice`'s). */
export const devKeypairOf = (address: string): Keypair | undefined =>
  address === DEV_SUDO_ADDRESS ? devSudoKeypair() : byAddress.get(address)

/** The addresses of every dev key made so far in this process, and the dev sudo key. */
export const devAccounts = (): Array<string> => [...byAddress.keys(), DEV_SUDO_ADDRESS]
