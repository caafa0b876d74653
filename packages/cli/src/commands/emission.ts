import { halvingTimeline } from "@subnetkit/mechanisms"
import { stringifyJson } from "@subnetkit/mechanisms"
import * as Effect from "effect/Effect"
import type { Io } from "../Io.ts"
import { textTable } from "../textTable.ts"

export const emissionHelp = `Usage: subnet emission [--json] [--block-seconds <s>]
       subnet emission --netuid <n> [--chain <url> | --network <name|url>] [--json]

Prints the TAO block-emission halving timeline: the issuance at which each halving happens, the block reward after
it, how many blocks the era lasts, and when it starts (years from genesis at --block-seconds per block, default 12;
an estimate that ignores recycled and burned TAO).

With --netuid: what the subnet's last epoch paid on a chain (default ws://127.0.0.1:9944, a \`subnet localnet\`; --network
a subtensor node: finney, test, local or a ws:// URL), by role (owner, validators with a permit, miners) and by uid.
The owner's row includes its cut (SubnetOwnerCut, 18% by default), which the chain pays beside the epoch: it is
derived from the cut and what the neurons were paid, so an epoch that paid no neuron shows none. The chain keeps only
the last epoch; run it again later.
`

const TAO = 1_000_000_000n

/** Rao as a TAO decimal string, exact. */
export function formatTao(rao: bigint): string {
  const whole = rao / TAO
  const frac = (rao % TAO).toString().padStart(9, "0").replace(/0+$/, "")
  return frac ? `${whole.toLocaleString("en-US")}.${frac}` : whole.toLocaleString("en-US")
}

/** `subnet emission`. */
export const emission = (args: { readonly json: boolean; readonly blockSeconds: number | undefined }, io: Io) =>
  Effect.sync(() => printTimeline(args.blockSeconds ?? 12, args.json, io))

function printTimeline(blockSeconds: number, json: boolean, io: Io): void {
  const rows = halvingTimeline(blockSeconds)
  if (json) {
    io.stdout(stringifyJson({ blockSeconds, halvings: rows }) + "\n")
    return
  }
  const table = [
    ["halving", "issuance (TAO)", "block reward (TAO)", "blocks in era", `starts (year, ${blockSeconds} s blocks)`],
    ...rows.map((
      r,
    ) => [
      String(r.halving),
      formatTao(r.issuanceRao),
      formatTao(r.blockEmissionRao),
      r.blocks.toLocaleString("en-US"),
      r.startYear.toFixed(2),
    ]),
  ]
  io.stdout(textTable(table))
  io.stdout(`Supply cap: 21,000,000 TAO. Each era emits half of what remains.\n`)
}
