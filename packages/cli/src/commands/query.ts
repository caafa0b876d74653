import { HttpTransport, keysReady, querySubnet, readHotkey } from "@subnetkit/core"
import { Effect, Layer, Schema } from "effect"
import { promised, UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { chainLayer } from "../runtime/chainLayer.ts"
import { withChainRetries } from "../runtime/chainRetries.ts"
import { loadSubnet } from "../runtime/loadSubnet.ts"
import type { Args } from "./options.ts"

export const queryHelp =
  `Usage: subnet query --subnet <name|path> --input '<task json>' --wallet <name> [--hotkey <name>] [--top <k>]
                    [--kind <kind>] [--chain <url> | --network <name|url>] [--netuid <n>] [--wallets <dir>]
                    [--timeout-ms <ms>] [--json]

Sends a task to the top <k> miners by incentive (default 3), signed with the wallet's hotkey, and prints their
answers. Miners answer callers their policy allows (by default: registered validators with a permit). --kind names
the request kind of a subnet with several (default: its first).
`

const USAGE = "subnet query --subnet <name|path> --input '<task json>' --wallet <name>"

/** `subnet query`. */
export const query = (args: Args<"query">, io: Io) =>
  Effect.gen(function*() {
    const required = { "--subnet": args.subnet, "--input": args.input, "--wallet": args.wallet }
    const missing = Object.entries(required).filter(([, v]) => v === undefined).map(([flag]) => flag)
    if (missing.length > 0) return yield* new UsageError(`missing ${missing.join(", ")}: ${USAGE}`)
    const subnet = yield* promised(() => loadSubnet(args.subnet!))
    const kinds = Object.keys(subnet.kinds)
    const kind = args.kind ?? kinds[0]!
    const request = subnet.kinds[kind]
    if (request === undefined) {
      return yield* new UsageError(
        `--kind ${kind}: subnet ${subnet.name} has no request kind "${kind}"; its kinds: ${kinds.join(", ")}`,
      )
    }
    const task = yield* Effect.try({
      try: () => Schema.decodeUnknownSync(request.task)(JSON.parse(args.input!)),
      catch: (e) =>
        new UsageError(
          `--input is not a ${kinds.length > 1 ? `"${kind}" ` : ""}task of subnet ${subnet.name}: ${
            String(e).replace(/\s+/g, " ")
          }`,
        ),
    })
    yield* keysReady
    const key = yield* promised(() => readHotkey(args.wallet!, args.hotkey ?? "default", args.wallets))
    const { url, layer: chain } = yield* chainLayer(args, [key])
    const ask = querySubnet(subnet, {
      netuid: args.netuid ?? 1,
      task,
      kind,
      caller: key.address,
      top: args.top ?? 3,
      timeoutMs: args.timeoutMs ?? 12_000,
    }).pipe(Effect.provide(Layer.merge(chain, HttpTransport.layer({ keys: [key] }))))
    const answers = yield* withChainRetries(ask, url, io)
    if (args.json) return io.stdout(JSON.stringify({ answers }) + "\n")
    io.stdout(
      answers.map((a) =>
        `uid ${a.uid}  ${a.status.padEnd(8)} ${String(a.latencyMs).padStart(5)} ms  ${
          a.status === "ok" ? JSON.stringify(a.response) : a.detail
        }`
      ).join("\n") + "\n",
    )
  })
