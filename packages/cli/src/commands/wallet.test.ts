import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { main } from "../main.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

describe("subnet wallet", () => {
  it("behavior: create, list and show, as JSON", async () => {
    const path = mkdtempSync(join(tmpdir(), "cli-wallets-"))
    const created = await run(
      "wallet",
      "create",
      "--name",
      "w1",
      "--hotkey",
      "hk",
      "--no-password",
      "--path",
      path,
      "--json",
    )
    expect(created.code).toBe(0)
    const keys = JSON.parse(created.stdout)
    expect(keys.coldkeyMnemonic.split(" ")).toHaveLength(12)
    const listed = JSON.parse((await run("wallet", "list", "--path", path, "--json")).stdout)
    expect(listed).toEqual([{
      name: "w1",
      coldkey: keys.coldkey,
      hotkeys: [{ name: "hk", address: keys.hotkey }],
      problems: [],
    }])
    const shown = JSON.parse(
      (await run("wallet", "show", "--name", "w1", "--hotkey", "hk", "--path", path, "--json")).stdout,
    )
    expect(shown).toEqual({ name: "w1", coldkey: keys.coldkey, hotkey: { name: "hk", address: keys.hotkey } })
  })

  it("behavior: imports keys from mnemonics in the environment", async () => {
    const path = mkdtempSync(join(tmpdir(), "cli-wallets-"))
    const mnemonic = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"
    process.env.SUBNET_HOTKEY_MNEMONIC = mnemonic
    const created = await run("wallet", "create", "--name", "imp", "--no-password", "--path", path, "--json")
    delete process.env.SUBNET_HOTKEY_MNEMONIC
    expect(JSON.parse(created.stdout).hotkey).toBe("5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV")
  })

  it("error: no password source and no terminal; existing wallet; unknown wallet", async () => {
    const path = mkdtempSync(join(tmpdir(), "cli-wallets-"))
    const saved = process.env.SUBNET_WALLET_PASSWORD
    delete process.env.SUBNET_WALLET_PASSWORD
    const noPassword = await run("wallet", "create", "--name", "w", "--path", path)
    if (saved !== undefined) process.env.SUBNET_WALLET_PASSWORD = saved
    if (!process.stdin.isTTY) {
      expect(noPassword.code).toBe(2)
      expect(noPassword.stderr).toMatch(/set SUBNET_WALLET_PASSWORD, or pass --no-password/)
    }
    await run("wallet", "create", "--name", "w", "--no-password", "--path", path)
    const again = await run("wallet", "create", "--name", "w", "--no-password", "--path", path)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already exists; pass --overwrite to replace it/)
    const replaced = await run("wallet", "create", "--name", "w", "--no-password", "--overwrite", "--path", path)
    expect(replaced.code).toBe(0)
    const missing = await run("wallet", "show", "--name", "nobody", "--path", path)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/does not exist; create it with: subnet wallet create/)
  })

  it("error: SUBNET_WALLET_PASSWORD follows the prompt's rule: exit 2, one line naming the variable", async () => {
    process.env.SUBNET_WALLET_PASSWORD = "x"
    const short = await run("wallet", "create", "--name", "w", "--path", mkdtempSync(join(tmpdir(), "cli-wallets-")))
    delete process.env.SUBNET_WALLET_PASSWORD
    expect(short).toEqual({
      code: 2,
      stdout: "",
      stderr: "subnet wallet: SUBNET_WALLET_PASSWORD: a coldkey password needs at least 8 characters, got 1\n",
    })
  })

  it("behavior: list goes on past unreadable files and names them (exit 0)", async () => {
    const path = mkdtempSync(join(tmpdir(), "cli-wallets-"))
    await run("wallet", "create", "--name", "ok", "--no-password", "--path", path)
    mkdirSync(join(path, "old", "hotkeys"), { recursive: true })
    writeFileSync(join(path, "old", "coldkeypub.txt"), "0x" + "d4".repeat(32))
    writeFileSync(join(path, "old", "hotkeys", "enc"), "$NACL" + "x".repeat(60))
    const listed = await run("wallet", "list", "--path", path)
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(/^ok {2}coldkey 5/m)
    expect(listed.stdout).toMatch(/^old {2}coldkey 5/m)
    expect(listed.stdout).toMatch(/^ {2}! hotkeys\/enc: encrypted, and its public file .*encpub\.txt is missing$/m)
  })
})
