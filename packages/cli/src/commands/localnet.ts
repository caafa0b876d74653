import type { RunningLocalnet } from "@subnetkit/core"
import { createWallet, keypairFromUri, keysReady, listWallets, readHotkey, startLocalnet } from "@subnetkit/core"
import { Effect, Exit } from "effect"
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { promised, UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { stopped } from "../Io.ts"
import type { Args } from "./options.ts"

export const localnetHelp =
  `Usage: subnet localnet [--port 9944] [--block-time <seconds>] [--state <file>] [--preset <validators>,<miners>]
                      [--wallets <dir>] [--tempo <blocks>]

Serves a mock chain on ws://127.0.0.1:<port> so that miners, validators and tools in other processes share it.
A fresh chain funds the dev accounts (//Alice … //Ferdie) and creates subnet 1 owned by //Alice. Blocks come every
--block-time seconds (default 12; e.g. 0.25 for development). With --state the chain is saved after every change and
resumed from that file after a restart. --preset 2,6 also creates wallets localnet-validator-1.. and
localnet-miner-1.. (unencrypted: development only) under --wallets (default <state dir>/wallets or ./wallets),
registers them, and stakes the validators (1000 TAO, 100 less for each next one). --tempo sets the new subnet's
tempo and weights rate limit (development: short epochs).
Every call that changes the chain must be signed by its account (clients do it with the wallet's keys);
Block production (advance), faucet (fund) and any subnet's hyperparameters answer only to //Alice, the sudo key.
Epochs run on the runtime's schedule: subnet u in each block where (block + u + 1) % (tempo + 1) == tempo.
Prints one JSON line {"url", "netuid", "wallets"} on stdout when ready; stops cleanly on SIGINT / SIGTERM.

--chopsticks <raw-spec.json> runs the real subtensor runtime of a raw chain spec you supply (e.g. scripts/specs/local.json
of opentensor/subtensor; not shipped) under chopsticks on 127.0.0.1 instead: dev accounts funded, //Alice sudo, rate
limits lifted, subnet 1 created with --tempo (default 10) and emission. Blocks come on demand (one per transaction,
dev_newBlock for more) unless --block-time is given. Miners and validators use it with --network ws://127.0.0.1:<port>.
`

const TAO = 1_000_000_000n
const DEV = ["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]

type Preset = { readonly validators: number; readonly miners: number }
type PresetWallet = { readonly name: string; readonly role: "validator" | "miner"; readonly hotkey: string }

/**
 * `--preset`'s wallets, created once (unencrypted) and registered on `netuid` when their hotkey is not; validators
 * staked 1000 TAO, 100 less for each next one.
 */
async function presetWallets(
  chain: RunningLocalnet["chain"],
  netuid: number,
  preset: Preset,
  walletDir: string,
): Promise<Array<PresetWallet>> {
  const roles = [
    ...Array.from({ length: preset.validators }, (_, i) => ({
      name: `localnet-validator-${i + 1}`,
      role: "validator" as const,
      stakeTao: BigInt(1000 - 100 * i),
    })),
    ...Array.from({ length: preset.miners }, (_, i) => ({
      name: `localnet-miner-${i + 1}`,
      role: "miner" as const,
      stakeTao: 0n,
    })),
  ]
  const wallets: Array<PresetWallet> = []
  for (const r of roles) {
    const existing = await readHotkey(r.name, "default", walletDir).catch(() => null)
    const created = existing === null
      ? await createWallet({ root: walletDir, name: r.name, unencryptedColdkey: true })
      : null
    const hotkey = existing?.address ?? created!.hotkey
    const coldkey = created?.coldkey ?? (await listWallets(walletDir)).find((w) => w.name === r.name)?.coldkey ??
      `${r.name}-cold`
    if (!chain.snapshot(netuid).neurons.some((n) => n.hotkey === hotkey)) {
      chain.fund(coldkey, 10_000n * TAO)
      chain.burnedRegister({ netuid, coldkey, hotkey })
      if (r.stakeTao > 0n) chain.addStake({ netuid, coldkey, hotkey, amountRao: r.stakeTao * TAO })
    }
    wallets.push({ name: r.name, role: r.role, hotkey })
  }
  return wallets
}

/** A fresh chain's accounts and subnet 1: dev accounts funded, //Alice owning the subnet (a short tempo if asked). */
function genesis(chain: RunningLocalnet["chain"], tempo: number | undefined): void {
  if (chain.netuids().length > 0) return
  const alice = keypairFromUri("//Alice")
  for (const name of DEV) chain.fund(keypairFromUri(`//${name}`).address, 1_000_000n * TAO)
  const short = tempo === undefined ? {} : { tempo, weightsRateLimit: tempo }
  chain.createSubnet({
    coldkey: alice.address,
    hotkey: keypairFromUri("//Alice//owner").address,
    hyperparameters: { maxRegistrationsPerBlock: 64, ...short },
  })
}

/** `subnet localnet`: runs until `io.stop` resolves (a signal in the CLI), then saves and closes. */
export const localnet = (args: Args<"localnet">, io: Io) =>
  Effect.gen(function*() {
    const stopping = stopped(io) // listening from the start: a signal while it starts up stops it cleanly too
    const blockTime = args.blockTime ?? 12
    const match = args.preset === undefined ? null : /^(\d+),(\d+)$/.exec(args.preset)
    if (args.preset !== undefined && match === null) {
      return yield* new UsageError(`--preset: expected <validators>,<miners>, got ${args.preset}`)
    }
    yield* keysReady
    const started = Date.now()
    const state = args.state
    // A fresh `--state .localnet/chain.json` names a folder that may not exist yet: the first save must not fail.
    if (state !== undefined) mkdirSync(dirname(state), { recursive: true })
    const net = yield* Effect.acquireRelease(
      promised(() =>
        startLocalnet({
          port: args.port ?? 9944,
          blockTimeMs: blockTime * 1000,
          onError: (message) => io.stderr(`localnet: ${message}\n`),
          ...(state ? { stateFile: state } : {}),
        })
      ),
      // Closed on a stop and on a failure alike; only a stop is reported (a failure is its own one line).
      (net, exit) =>
        Effect.promise(() => net.close()).pipe(
          Effect.andThen(Effect.sync(() => {
            if (Exit.isSuccess(exit)) io.stderr("localnet: stopped, state saved\n")
          })),
        ),
    )
    genesis(net.chain, args.tempo)
    const netuid = net.chain.netuids()[0]!
    const walletDir = args.wallets ?? join(state ? join(state, "..") : ".", "wallets")
    const wallets = match === null
      ? []
      : yield* promised(() =>
        presetWallets(net.chain, netuid, { validators: Number(match[1]), miners: Number(match[2]) }, walletDir)
      )
    yield* promised(() => net.save())
    io.stdout(
      JSON.stringify({
        url: net.url,
        netuid,
        block: net.chain.block,
        wallets,
        walletDir,
        startupMs: Date.now() - started,
        loadedDigest: net.loadedDigest,
      }) + "\n",
    )
    io.stderr(
      `localnet: ${net.url}, subnet ${netuid}, a block every ${blockTime} s${
        state ? `, saved to ${state}` : ""
      }. Ctrl-C to stop.\n`,
    )
    yield* Effect.promise(() => stopping)
  }).pipe(Effect.scoped)
