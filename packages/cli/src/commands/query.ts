import { HttpTransport, keysReady, querySubnet, readHotkey } from "@subnetkit/core"
import { Effect, Layer, Schema } from "effect"
import type { Io } from "../Io.ts"
import { UsageError } from "../Io.ts"
import { integerFlag } from "../parseArgs.ts"
import { chainLayer } from "../runtime/chainLayer.ts"
import { withChainRetries } from "../runtime/chainRetries.ts"
import { loadSubnet } from "../runtime/loadSubnet.ts"

export const queryHelp =
  `Usage: subnet query --subnet <name|path> --input '<task json>' --wallet <name> [--hotkey <name>] [--top <k>]
                    [--chain <url> | --network <name|url>] [--netuid <n>] [--wallets <dir>] [--timeout-ms <ms>] [--json]

Sends a task to the top <k> miners by incentive (default 3), signed with the wallet's hotkey, and prints their
answers. Miners answer callers their policy allows (by default: registered validators with a permit).
`

export interface QueryArgs {
  readonly subnet: string | undefined
  readonly input: string | undefined
  readonly wallet: string | undefined
  readonly hotkey: string | undefined
  readonly top: string | undefined
  readonly chain: string | undefined
  readonly network: string | undefined
  readonly netuid: string | undefined
  readonly wallets: string | undefined
  readonly timeoutMs: string | undefined
  readonly json: boolean
}

export async function query(args: QueryArgs, io: Io): Promise<void> {
  if (args.subnet === undefined || args.input === undefined || args.wallet === undefined) {
    const missing = Object.entries({ "--subnet": args.subnet, "--input": args.input, "--wallet": args.wallet }).filter((
      [, v],
    ) => v === undefined)
    throw new UsageError(
      `missing ${
        missing.map(([flag]) => flag).join(", ")
      }: subnet query --subnet <name|path> --input '<task json>' --wallet <name>`,
    )
  }
  const subnet = await loadSubnet(args.subnet)
  let task: unknown
  try {
    task = Schema.decodeUnknownSync(subnet.task)(JSON.parse(args.input))
  } catch (e) {
    throw new UsageError(`--input is not a task of subnet ${subnet.name}: ${String(e).replace(/\s+/g, " ")}`)
  }
  await Effect.runPromise(keysReady)
  const key = await readHotkey(args.wallet, args.hotkey ?? "default", args.wallets)
  const { url, layer: chain } = chainLayer(args, [key])
  const ask = querySubnet(subnet, {
    netuid: integerFlag("netuid", args.netuid, 0, 65535) ?? 1,
    task,
    caller: key.address,
    top: integerFlag("top", args.top) ?? 3,
    timeoutMs: integerFlag("timeout-ms", args.timeoutMs) ?? 12_000,
  }).pipe(Effect.provide(Layer.merge(chain, HttpTransport.layer({ keys: [key] }))))
  const answers = await withChainRetries(ask, url, io)
  if (args.json) return io.stdout(JSON.stringify({ answers }) + "\n")
  io.stdout(
    answers.map((a) =>
      `uid ${a.uid}  ${a.status.padEnd(8)} ${String(a.latencyMs).padStart(5)} ms  ${
        a.status === "ok" ? JSON.stringify(a.response) : a.detail
      }`
    ).join("\n") + "\n",
  )
}
