import type { Mechanism } from "@subnetkit/mechanisms"
import { decodeFixture, mechanismByName, parseJson, stringifyJson, toFixtureOut, yuma } from "@subnetkit/mechanisms"
import * as Effect from "effect/Effect"
import { readFile } from "node:fs/promises"
import { UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"

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

/** The output of `subnet epoch` for a file's text; throws InvalidInput (exit 2) for a fixture that breaks a rule. */
function runFixture(text: string, file: string, mechanismName: string | undefined): string {
  const fixture = decodeFixture(parseJson(text, file))
  const mechanism: Mechanism = mechanismName === undefined
    ? yuma(fixture.config)
    : mechanismName === "yuma3" || mechanismName === "yuma2"
    ? yuma({ ...fixture.config, yuma3: mechanismName === "yuma3" }) // the rule only; the file's parameters stay
    : mechanismByName(mechanismName)
  const epochs = fixture.epochs.map((e) => ({ i: e.i, out: toFixtureOut(mechanism.epoch(e.input)) }))
  return stringifyJson({ scenario: fixture.scenario, mechanism: mechanism.name, epochs }) + "\n"
}

/** `subnet epoch <file.json>`. */
export const epoch = (args: { readonly file: string; readonly mechanism: string | undefined }, io: Io) =>
  Effect.tryPromise({
    try: () => readFile(args.file, "utf8"),
    catch: (e) =>
      new UsageError(
        `cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(e)}`,
      ),
  }).pipe(
    Effect.flatMap((text) => Effect.try({ try: () => runFixture(text, args.file, args.mechanism), catch: (e) => e })),
    Effect.map((out) => io.stdout(out)),
  )
