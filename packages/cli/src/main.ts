/**
 * The `subnet` command: parses arguments, dispatches to one command per file, and maps failures to exit codes
 * (2 for bad usage or input, with one line on stderr; 1 for anything else).
 *
 * Each command's module is imported only when that command runs: `subnet --help` or `subnet epoch` must not pay
 * for loading the chain, the transport and the simulator (start-up time is most of a short command's run).
 */
import { commands } from "./commands/table.ts"
import type { Io } from "./Io.ts"
import { ExitCode } from "./Io.ts"
import { parse } from "./parseArgs.ts"
import { reportFailure } from "./reportFailure.ts"
import { resolveOptions } from "./runtime/configuration.ts"

export const help = `Usage: subnet <command> [options]

Commands:
  epoch <file.json>   run Yuma (or another mechanism) on a fixture-format file, print JSON
  emission            print the TAO halving timeline (--json for machines); --netuid N: what a subnet's last epoch paid
  metagraph           print a subnet's neurons from a chain: stake, I, D, E, C, trust, permit, axon (--json)
  simulate            run a subnet with honest and adversarial miners and validators; table, JSON, CSV, HTML report
  wallet              create, list and show btcli-compatible wallets
  localnet            serve a mock chain on 127.0.0.1 for miners and validators in other processes
  miner, validator    run a neuron of a subnet against a chain
  query               send a task to the top miners of a subnet and print their answers

Run "subnet <command> --help" for a command's options.
`

export async function main(argv: ReadonlyArray<string>, io: Io): Promise<ExitCode> {
  const [command, ...rest] = argv
  if (command === "help" || command === "--help" || command === "-h") {
    io.stdout(help)
    return ExitCode.ok
  }
  // Bare `subnet` is a usage error: the help goes to stderr so a script that forgot the command fails visibly.
  if (command === undefined) {
    io.stderr(help)
    return ExitCode.badInput
  }
  const spec = Object.hasOwn(commands, command) ? commands[command] : undefined
  try {
    if (spec === undefined) {
      io.stderr(`subnet ${command}: unknown command "${command}". Run "subnet --help" for the list.\n`)
      return ExitCode.badInput
    }
    const parsed = parse(command, rest, spec.options)
    if (parsed.values.help === true) {
      io.stdout(await spec.help(command))
      return ExitCode.ok
    }
    await spec.run(command, spec.options["config"] ? resolveOptions(command, parsed, spec.options) : parsed, io)
    return ExitCode.ok
  } catch (e) {
    return reportFailure(command, e, io)
  }
}
