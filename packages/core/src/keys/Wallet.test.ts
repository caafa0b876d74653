import { u8aToHex } from "@polkadot/util"
import { mnemonicToMiniSecret, naclEncrypt, sr25519PairFromSeed } from "@polkadot/util-crypto"
import { Effect } from "effect"
import { argon2i } from "hash-wasm"
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { fromKeyfileJson, toKeyfileJson } from "./keyfile.ts"
import { keypairFromUri, keysReady, newMnemonic } from "./Keys.ts"
import { createWallet, listWallets, readColdkey, readHotkey, WalletError } from "./Wallet.ts"

beforeAll(() => Effect.runPromise(keysReady))
const root = () => mkdtempSync(join(tmpdir(), "wallets-"))

describe("keyfiles", () => {
  it("behavior: a keyfile written by subnetkit reads back to the same keypair", () => {
    const pair = keypairFromUri(newMnemonic())
    const back = fromKeyfileJson(toKeyfileJson(pair))
    expect(back).toEqual(pair)
  })

  it("behavior: a privateKey-only keyfile (substrate's secret format) gives the same signing key", () => {
    const pair = keypairFromUri(newMnemonic())
    const data = JSON.parse(toKeyfileJson(pair))
    const back = fromKeyfileJson(JSON.stringify({ privateKey: data.privateKey, publicKey: data.publicKey }))
    expect(back.address).toBe(pair.address)
    expect(u8aToHex(back.secretKey)).toBe(u8aToHex(pair.secretKey))
  })

  it("error: a keyfile whose address does not match its secret", () => {
    const json = JSON.parse(toKeyfileJson(keypairFromUri("//Alice")))
    json.ss58Address = keypairFromUri("//Bob").address
    expect(() => fromKeyfileJson(JSON.stringify(json), "hk")).toThrow(/hk: its secret gives 5Grw.*but it says 5FHn/)
  })
})

describe("keyfiles btcli also accepts", () => {
  it("behavior: a keyfile with only a privateKey (no publicKey) derives its public key, as btwallet does", () => {
    const pair = keypairFromUri(newMnemonic())
    const back = fromKeyfileJson(JSON.stringify({ privateKey: JSON.parse(toKeyfileJson(pair)).privateKey }))
    expect(back.address).toBe(pair.address)
  })

  it("behavior: a single-slash derivation path on the dev phrase", () => {
    expect(keypairFromUri("/Bob//test").address).toBe(
      keypairFromUri(`${"bottom drive obey lake curtain smoke basket hold race lonely fit walk"}/Bob//test`).address,
    )
    expect(keypairFromUri("/Bob//test").address).not.toBe(keypairFromUri("//Bob//test").address)
  })

  it("error: legacy encrypted formats are named, not called 'not JSON'", () => {
    expect(() => fromKeyfileJson("$ANSIBLE_VAULT;1.1;AES256\n6162", "ck")).toThrow(
      /ck is encrypted in btcli's legacy Ansible Vault format/,
    )
    expect(() => fromKeyfileJson("gAAAAABk_fernet", "ck")).toThrow(/legacy Fernet format/)
  })
})

describe("wallets", () => {
  it("behavior: a listing shows every wallet and names the files it cannot read", async () => {
    const dir = root()
    const good = await createWallet({ root: dir, name: "good", unencryptedColdkey: true })
    const alice = keypairFromUri("//Alice")
    mkdirSync(join(dir, "legacy", "hotkeys"), { recursive: true })
    writeFileSync(join(dir, "legacy", "coldkeypub.txt"), u8aToHex(alice.publicKey)) // btcli's old raw-hex public key
    writeFileSync(join(dir, "legacy", "hotkeys", "sealed"), "$NACL" + "x".repeat(60)) // encrypted hotkey, no pub twin
    writeFileSync(join(dir, "legacy", "hotkeys", "twin"), "$NACL" + "x".repeat(60))
    writeFileSync(join(dir, "legacy", "hotkeys", "twinpub.txt"), toKeyfileJson(alice))
    writeFileSync(join(dir, "legacy", "hotkeys", "vault"), "$ANSIBLE_VAULT;1.1;AES256")
    const listed = await listWallets(dir)
    expect(listed.map((w) => w.name)).toEqual(["good", "legacy"])
    expect(listed[0]!.coldkey).toBe(good.coldkey)
    expect(listed[1]!.coldkey).toBe(alice.address)
    expect(listed[1]!.hotkeys).toEqual([
      { name: "sealed", address: null },
      { name: "twin", address: alice.address },
      { name: "vault", address: null },
    ])
    expect(listed[1]!.problems.map((p) => p.file)).toEqual(["hotkeys/sealed", "hotkeys/vault"])
    expect(listed[1]!.problems[0]!.reason).toMatch(/encrypted, and its public file .*sealedpub\.txt is missing/)
    expect(listed[1]!.problems[1]!.reason).toMatch(/legacy Ansible Vault format/)
  })

  it("error: a password shorter than 8 characters (or empty) is refused with a WalletError naming the rule", async () => {
    await expect(createWallet({ root: root(), name: "w", password: "x" })).rejects.toThrow(
      /at least 8 characters, got 1/,
    )
    await expect(createWallet({ root: root(), name: "w", password: "" })).rejects.toThrow(
      /at least 8 characters, got an empty one/,
    )
  })

  it("behavior: create writes btcli's layout with 0600 files; hotkey and coldkey read back", async () => {
    const dir = root()
    const created = await createWallet({ root: dir, name: "alice", hotkey: "miner1", password: "correct horse 42" })
    for (const file of ["coldkey", "coldkeypub.txt", "hotkeys/miner1", "hotkeys/miner1pub.txt"]) {
      expect(statSync(join(dir, "alice", file)).mode & 0o777).toBe(0o600)
    }
    expect(readFileSync(join(dir, "alice", "coldkey")).subarray(0, 5).toString()).toBe("$NACL")
    expect((await readHotkey("alice", "miner1", dir)).address).toBe(created.hotkey)
    expect((await readColdkey("alice", "correct horse 42", dir)).address).toBe(created.coldkey)
    await expect(readColdkey("alice", "wrong password", dir)).rejects.toThrow(/wrong password/)
    await expect(readColdkey("alice", undefined, dir)).rejects.toThrow(/is encrypted; give its password/)
    expect(await listWallets(dir)).toEqual([{
      name: "alice",
      coldkey: created.coldkey,
      hotkeys: [{ name: "miner1", address: created.hotkey }],
      problems: [],
    }])
  }, 600_000) // Argon2i at 512 MiB × 8 passes (twice in WebAssembly here): minutes beside a CPU hog

  it("error: never an unencrypted coldkey unless asked, never an overwrite unless asked", async () => {
    const dir = root()
    await expect(createWallet({ root: dir, name: "w" })).rejects.toThrow(WalletError)
    const first = await createWallet({ root: dir, name: "w", unencryptedColdkey: true })
    await expect(createWallet({ root: dir, name: "w", unencryptedColdkey: true })).rejects.toThrow(
      /already exists; pass --overwrite/,
    )
    expect((await readColdkey("w", undefined, dir)).address).toBe(first.coldkey)
    await expect(createWallet({ root: dir, name: "../escape", unencryptedColdkey: true })).rejects.toThrow(
      /wallet name/,
    )
  })

  it("behavior: reads keyfiles made from btcli's documented format (not by subnetkit)", async () => {
    const dir = root()
    mkdirSync(join(dir, "btcli", "hotkeys"), { recursive: true })
    // Hotkey: plain JSON with the documented fields.
    const hotPhrase = newMnemonic()
    const hotSeed = mnemonicToMiniSecret(hotPhrase)
    const hot = sr25519PairFromSeed(hotSeed)
    const expectedHot = keypairFromUri(hotPhrase).address
    writeFileSync(
      join(dir, "btcli", "hotkeys", "default"),
      JSON.stringify({
        accountId: u8aToHex(hot.publicKey),
        publicKey: u8aToHex(hot.publicKey),
        privateKey: "0x" + "00".repeat(64),
        secretPhrase: hotPhrase,
        secretSeed: u8aToHex(hotSeed),
        ss58Address: expectedHot,
      }),
    )
    // Coldkey: "$NACL" + nonce + secretbox(JSON) under an Argon2i key from the password and btwallet's salt.
    const coldPhrase = newMnemonic()
    const key = await argon2i({
      password: "pw-123456",
      salt: Buffer.from("137183dff15a09bc9c90b5518739e9b1", "hex"),
      parallelism: 1,
      iterations: 8,
      memorySize: 512 * 1024,
      hashLength: 32,
      outputType: "binary",
    })
    const { encrypted, nonce } = naclEncrypt(Buffer.from(JSON.stringify({ secretPhrase: coldPhrase })), key)
    writeFileSync(join(dir, "btcli", "coldkey"), Buffer.concat([Buffer.from("$NACL"), nonce, encrypted]))
    expect((await readHotkey("btcli", "default", dir)).address).toBe(expectedHot)
    expect((await readColdkey("btcli", "pw-123456", dir)).address).toBe(keypairFromUri(coldPhrase).address)
  }, 600_000) // Argon2i at 512 MiB × 8 passes (twice in WebAssembly here): minutes beside a CPU hog
})
