import type { Mechanism } from "@subnetkit/mechanisms"
import { decodeFixture, mechanismByName, parseJson, stringifyJson, toFixtureOut, yuma } from "@subnetkit/mechanisms"
import { readFile } from "node:fs/promises"
import type { Io } from "../Io.ts"
import { UsageError } from "../Io.ts"

export const epochHelp = `Usage: subnet epoch <file.json> [--mechanism <name>]

Runs every epoch of a file in the golden-fixture format (yuma-spec §7.1) and prints one JSON document:
{"scenario", "epochs": [{"i", "out": {permits, C, VT, I, D, E_srv, E_val, E, bonds}}]}.
The file's own "out" fields are ignored. Bonds are the rows the runtime writes, as [[uid, u16], …].

Options:
  --mechanism <name>  run another mechanism on the same inputs (yuma3, yuma2, mean, wta, topN, softmax:T);
                      default: Yuma with the file's params. yuma3 / yuma2 pick the rule and keep the file's
                      hyperparameters (kappa, bonds moving average and penalty, liquid alpha): only yuma3_enabled
                      is overridden.
`

/** `subnet epoch <file.json>`. */
export async function epoch(
  args: { readonly file: string; readonly mechanism: string | undefined },
  io: Io,
): Promise<void> {
  const text = await readFile(args.file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${args.file}: ${e.code === "ENOENT" ? "no such file" : e.message}`)
  })
  const fixture = decodeFixture(parseJson(text, args.file))
  const mechanism: Mechanism = args.mechanism === undefined
    ? yuma(fixture.config)
    : args.mechanism === "yuma3" || args.mechanism === "yuma2"
    ? yuma({ ...fixture.config, yuma3: args.mechanism === "yuma3" }) // the rule only; the file's parameters stay
    : mechanismByName(args.mechanism)
  const epochs = fixture.epochs.map((e) => ({ i: e.i, out: toFixtureOut(mechanism.epoch(e.input)) }))
  io.stdout(stringifyJson({ scenario: fixture.scenario, mechanism: mechanism.name, epochs }) + "\n")
}
