/**
 * Every `subnet` command: its options (declared once, in options.ts), its help and how it runs. A command's module is
 * imported when that command runs (or prints its help), never at start-up; the parser (effect/cli) is driven by
 * ../cli/runCommand.ts.
 */
import * as Effect from "effect/Effect"
import type { Options, Values } from "../cli/options.ts"
import { promised, UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import type { CommandName } from "./options.ts"
import { commandOptions } from "./options.ts"

interface Spec<O extends Options> {
  readonly options: O
  readonly help: (command: string) => Promise<string>
  readonly run: (
    args: Values<O>,
    positionals: ReadonlyArray<string>,
    io: Io,
    command: string,
  ) => Effect.Effect<void, unknown>
}

const spec = <O extends Options>(options: O, s: Omit<Spec<O>, "options">): Spec<O> => ({ options, ...s })

/** Runs `f` on a command's module, imported only now. */
const using = <M>(load: () => Promise<M>, f: (m: M) => Effect.Effect<void, unknown>) =>
  Effect.flatMap(Effect.promise(load), f)

const noPositionals = (command: string, positionals: ReadonlyArray<string>, hint = "") =>
  positionals.length === 0
    ? Effect.void
    : Effect.fail(new UsageError(`${command} takes no positional arguments, got "${positionals[0]}"${hint}`))

const neuron = (role: "miner" | "validator") =>
  spec(commandOptions[role], {
    help: async () => (await import("./neuron.ts")).neuronHelp(role),
    run: (args, positionals, io) =>
      noPositionals(role, positionals).pipe(
        Effect.andThen(using(() => import("./neuron.ts"), (m) => m.neuron(role, args, io))),
      ),
  })

export const commands: { readonly [C in CommandName]: Spec<(typeof commandOptions)[C]> } = {
  epoch: spec(commandOptions.epoch, {
    help: async () => (await import("./epoch.ts")).epochHelp,
    run: (args, positionals, io) =>
      positionals.length === 1
        ? using(() => import("./epoch.ts"), (m) => m.epoch({ file: positionals[0]!, mechanism: args.mechanism }, io))
        : Effect.fail(
          new UsageError(
            positionals.length === 0
              ? `missing the fixture file: subnet epoch <file.json>. Run "subnet epoch --help".`
              : `epoch takes one file, got ${positionals.length}. Run "subnet epoch --help".`,
          ),
        ),
  }),
  emission: spec(commandOptions.emission, {
    help: async () => (await import("./emission.ts")).emissionHelp,
    run: (args, positionals, io) =>
      positionals.length > 0
        ? Effect.fail(new UsageError(`emission takes no arguments, got "${positionals[0]}"`))
        : args.netuid !== undefined
        ? using(() => import("./metagraph.ts"), (m) => m.subnetEmission(args, io))
        : using(() => import("./emission.ts"), (m) => m.emission(args, io)),
  }),
  simulate: spec(commandOptions.simulate, {
    help: async () => (await import("./simulate.ts")).simulateHelp,
    run: (args, positionals, io, command) =>
      noPositionals(command, positionals, " (use --scenario <file>)").pipe(
        Effect.andThen(using(() => import("./simulate.ts"), (m) => m.simulateCommand(args, io))),
      ),
  }),
  wallet: spec(commandOptions.wallet, {
    help: async () => (await import("./wallet.ts")).walletHelp,
    run: (args, positionals, io) => using(() => import("./wallet.ts"), (m) => m.wallet(positionals[0], args, io)),
  }),
  metagraph: spec(commandOptions.metagraph, {
    help: async () => (await import("./metagraph.ts")).metagraphHelp,
    run: (args, positionals, io, command) =>
      noPositionals(command, positionals).pipe(
        Effect.andThen(using(() => import("./metagraph.ts"), (m) => m.metagraph(args, io))),
      ),
  }),
  miner: neuron("miner"),
  validator: neuron("validator"),
  query: spec(commandOptions.query, {
    help: async () => (await import("./query.ts")).queryHelp,
    run: (args, positionals, io, command) =>
      noPositionals(command, positionals).pipe(
        Effect.andThen(using(() => import("./query.ts"), (m) => m.query(args, io))),
      ),
  }),
  storage: spec(commandOptions.storage, {
    help: async () => (await import("./storage.ts")).storageHelp,
    run: (args, [action, ...targets], io) =>
      using(
        () => import("./storage.ts"),
        (m) => promised(() => m.storage({ ...args, action, targets }, io)),
      ),
  }),
  localnet: spec(commandOptions.localnet, {
    help: async () => (await import("./localnet.ts")).localnetHelp,
    run: (args, positionals, io, command) => {
      const spec = args.chopsticks
      return noPositionals(command, positionals).pipe(
        Effect.andThen(
          spec === undefined
            ? using(() => import("./localnet.ts"), (m) => m.localnet(args, io))
            : using(() => import("./localnetChopsticks.ts"), (m) => m.localnetChopsticks(spec, args, io)),
        ),
      )
    },
  }),
}
