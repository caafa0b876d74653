import { Keyring } from "@polkadot/keyring"
import { signatureVerify } from "@polkadot/util-crypto"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { keypairFromSeed, keypairFromUri, keysReady, newMnemonic, signMessage, verifyMessage } from "./Keys.ts"

beforeAll(() => Effect.runPromise(keysReady))

describe("sr25519 keys", () => {
  it("behavior: the same addresses as @polkadot/keyring for mnemonics, derivation paths and dev keys", () => {
    const keyring = new Keyring({ type: "sr25519", ss58Format: 42 })
    const mnemonic = newMnemonic()
    for (const uri of [mnemonic, `${mnemonic}//hot//1`, "//Alice", "//Bob/soft"]) {
      expect(keypairFromUri(uri).address).toBe(keyring.addFromUri(uri).address)
    }
    expect(keypairFromUri("//Alice").address).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
  })

  it("behavior: WebAssembly signatures verify with the reference verifier, and back", () => {
    const pair = keypairFromUri(newMnemonic())
    const signature = signMessage(pair, "hello")
    expect(verifyMessage("hello", signature, pair.address)).toBe(true)
    expect(signatureVerify(new TextEncoder().encode("hello"), signature, pair.address).isValid).toBe(true)
    const reference = new Keyring({ type: "sr25519" }).addFromUri("//Alice")
    const theirs = Buffer.from(reference.sign(new TextEncoder().encode("x"))).toString("hex")
    expect(verifyMessage("x", `0x${theirs}`, reference.address)).toBe(true)
  })

  it("error: wrong message, wrong key, malformed signature or address never verify and never throw", () => {
    const pair = keypairFromUri("//Alice")
    const other = keypairFromUri("//Bob")
    const signature = signMessage(pair, "m")
    expect(verifyMessage("m2", signature, pair.address)).toBe(false)
    expect(verifyMessage("m", signature, other.address)).toBe(false)
    expect(verifyMessage("m", "0x1234", pair.address)).toBe(false)
    expect(verifyMessage("m", signature, "garbage")).toBe(false)
    expect(() => keypairFromUri("not a mnemonic at all")).toThrow("not a valid BIP39 mnemonic")
  })

  it("behavior: a keypair from its mini-secret seed is the mnemonic's keypair", () => {
    const pair = keypairFromUri(newMnemonic())
    expect(keypairFromSeed(pair.seed!).address).toBe(pair.address)
  })
})
