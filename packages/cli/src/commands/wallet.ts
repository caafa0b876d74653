import {
  checkPassword,
  createWallet,
  defaultWalletRoot,
  keysReady,
  listWallets,
  MIN_PASSWORD_LENGTH,
  readHotkey,
} from "@subnetkit/core"
import { Effect } from "effect"
import { promised, UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import type { Args } from "./options.ts"

export const walletHelp = `Usage: subnet wallet <create | list | show> [options]

Wallets use btcli's layout (~/.bittensor/wallets/<name>/{coldkey, coldkeypub.txt, hotkeys/<hotkey>}); files are
written atomically with mode 0600.

  create --name <wallet> [--hotkey <name>] [--no-password] [--overwrite]
         Creates a coldkey (encrypted with the password in SUBNET_WALLET_PASSWORD, or asked on a terminal) and a
         hotkey, and prints their mnemonics once. --no-password writes the coldkey unencrypted. To import existing
         keys instead, put their mnemonics in SUBNET_COLDKEY_MNEMONIC / SUBNET_HOTKEY_MNEMONIC (not in flags, which
         end up in shell history). --overwrite replaces existing key files (the old keys are lost).
  list   Wallets and their public addresses; files it cannot read are named with the reason.
  show --name <wallet> [--hotkey <name>]
         Addresses of one wallet's coldkey and hotkey.

Options: --path <dir> (default $BT_WALLET_PATH or ~/.bittensor/wallets), --json
`

/** The password for a new coldkey: the environment, or a prompt on a terminal; never a silent default. */
async function newPassword(): Promise<string> {
  // The same rule as the prompt's: a set-but-short (or empty) variable is an error, never a silent fallback.
  const fromEnv = process.env.SUBNET_WALLET_PASSWORD
  if (fromEnv !== undefined) {
    checkPassword(fromEnv, "SUBNET_WALLET_PASSWORD")
    return fromEnv
  }
  if (!process.stdin.isTTY) {
    throw new UsageError("no terminal to ask a password on: set SUBNET_WALLET_PASSWORD, or pass --no-password")
  }
  const { password, isCancel } = await import("@clack/prompts")
  const answer = await password({
    message: "Password for the new coldkey",
    validate: (v) => (v && v.length >= MIN_PASSWORD_LENGTH ? undefined : `at least ${MIN_PASSWORD_LENGTH} characters`),
  })
  if (isCancel(answer)) throw new UsageError("cancelled")
  return answer
}

/** `subnet wallet <action> …`. */
export const wallet = (action: string | undefined, args: Args<"wallet">, io: Io) =>
  keysReady.pipe(Effect.andThen(promised(() => walletAction(action, args, io))))

async function walletAction(action: string | undefined, args: Args<"wallet">, io: Io): Promise<void> {
  const root = args.path ?? defaultWalletRoot()
  const out = (value: unknown, text: string) => io.stdout(args.json ? JSON.stringify(value) + "\n" : text)
  switch (action) {
    case "create": {
      if (args.name === undefined) throw new UsageError("wallet create needs --name <wallet>")
      const password = args.noPassword ? undefined : await newPassword()
      const imported = (
        name: string,
      ) => (process.env[name]
        ? { [name === "SUBNET_COLDKEY_MNEMONIC" ? "coldkeyMnemonic" : "hotkeyMnemonic"]: process.env[name]!.trim() }
        : {})
      const created = await createWallet({
        root,
        name: args.name,
        hotkey: args.hotkey ?? "default",
        unencryptedColdkey: args.noPassword,
        overwrite: args.overwrite,
        ...(password === undefined ? {} : { password }),
        ...imported("SUBNET_COLDKEY_MNEMONIC"),
        ...imported("SUBNET_HOTKEY_MNEMONIC"),
      })
      return out(
        created,
        [
          `Created wallet ${args.name} in ${root}`,
          `  coldkey ${created.coldkey}${args.noPassword ? " (UNENCRYPTED)" : ""}`,
          `  hotkey  ${args.hotkey ?? "default"} ${created.hotkey}`,
          "Write these mnemonics down; they are the only way to restore the keys:",
          `  coldkey: ${created.coldkeyMnemonic}`,
          `  hotkey:  ${created.hotkeyMnemonic}`,
          "",
        ].join("\n"),
      )
    }
    case "list": {
      const wallets = await listWallets(root)
      const lines = wallets.flatMap((w) => [
        `${w.name}  coldkey ${
          w.coldkey ?? (w.problems.some((p) => p.file === "coldkeypub.txt") ? "(unreadable)" : "(no coldkeypub.txt)")
        }`,
        ...w.hotkeys.map((h) => `  ${h.name}  ${h.address ?? "(unreadable)"}`),
        ...w.problems.map((p) => `  ! ${p.file}: ${p.reason}`),
      ])
      return out(wallets, (lines.length > 0 ? lines.join("\n") : `no wallets in ${root}`) + "\n")
    }
    case "show": {
      if (args.name === undefined) throw new UsageError("wallet show needs --name <wallet>")
      const hotkey = await readHotkey(args.name, args.hotkey ?? "default", root)
      const coldkey = (await listWallets(root)).find((w) => w.name === args.name)?.coldkey ?? null // public file: no password
      const value = { name: args.name, coldkey, hotkey: { name: args.hotkey ?? "default", address: hotkey.address } }
      return out(value, `${args.name}\n  coldkey ${coldkey}\n  hotkey  ${value.hotkey.name} ${hotkey.address}\n`)
    }
    default:
      throw new UsageError(`unknown wallet action "${action ?? ""}"; use create, list or show`)
  }
}
