/**
 * The `subnet` command: parses arguments, dispatches to one command per file, and maps failures to exit codes
 * (2 for bad usage or input, with one line on stderr; 1 for anything else).
 */
import type { ParseArgsConfig } from "node:util"
import { parseArgs } from "node:util"
import { ScenarioError, WalletError } from "@subnetkit/core"
import { InvalidInput } from "@subnetkit/mechanisms"
import { emission, emissionHelp } from "./commands/emission.ts"
import { epoch, epochHelp } from "./commands/epoch.ts"
import { localnet, localnetHelp } from "./commands/localnet.ts"
import { neuron, neuronHelp } from "./commands/neuron.ts"
import { query, queryHelp } from "./commands/query.ts"
import { simulateCommand, simulateHelp } from "./commands/simulate.ts"
import { wallet, walletHelp } from "./commands/wallet.ts"
import type { Io } from "./Io.ts"
import { ExitCode, StartupError, UsageError } from "./Io.ts"

const help = `Usage: subnet <command> [options]

Commands:
  epoch <file.json>   run Yuma (or another mechanism) on a fixture-format file, print JSON
  emission            print the TAO halving timeline (--json for machines)
  simulate            run a subnet with honest and adversarial miners and validators; table, JSON, CSV, HTML report
  wallet              create, list and show btcli-compatible wallets
  localnet            serve a mock chain on 127.0.0.1 for miners and validators in other processes
  miner, validator    run a neuron of a subnet against a chain
  query               send a task to the top miners of a subnet and print their answers

Run "subnet <command> --help" for a command's options.
`

interface Parsed {
  readonly values: Record<string, string | boolean | undefined>
  readonly positionals: Array<string>
}

function parse(argv: ReadonlyArray<string>, options: NonNullable<ParseArgsConfig["options"]>): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    })
    return { values: values as Parsed["values"], positionals }
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

export async function main(argv: ReadonlyArray<string>, io: Io): Promise<ExitCode> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case "epoch": {
        const { values, positionals } = parse(rest, { mechanism: { type: "string" } })
        if (values.help) return printed(io, epochHelp)
        if (positionals.length !== 1) throw new UsageError(`epoch takes one file, got ${positionals.length}. Run "subnet epoch --help".`)
        await epoch({ file: positionals[0]!, mechanism: values.mechanism as string | undefined }, io)
        return ExitCode.ok
      }
      case "emission": {
        const { values, positionals } = parse(rest, { json: { type: "boolean" }, "block-seconds": { type: "string" } })
        if (values.help) return printed(io, emissionHelp)
        if (positionals.length > 0) throw new UsageError(`emission takes no arguments, got "${positionals[0]}"`)
        emission({ json: values.json === true, blockSeconds: values["block-seconds"] as string | undefined }, io)
        return ExitCode.ok
      }
      case "simulate": {
        const { values, positionals } = parse(rest, {
          scenario: { type: "string" }, "print-scenario": { type: "boolean" }, epochs: { type: "string" }, seed: { type: "string" },
          mechanism: { type: "string" }, compare: { type: "string" }, json: { type: "boolean" }, csv: { type: "boolean" }, report: { type: "string" },
        })
        if (values.help) return printed(io, simulateHelp)
        if (positionals.length > 0) throw new UsageError(`simulate takes no positional arguments, got "${positionals[0]}" (use --scenario <file>)`)
        const str = (name: string) => values[name] as string | undefined
        await simulateCommand({
          scenario: str("scenario"), printScenario: values["print-scenario"] === true, epochs: str("epochs"), seed: str("seed"),
          mechanism: str("mechanism"), compare: str("compare"), json: values.json === true, csv: values.csv === true, report: str("report"),
        }, io)
        return ExitCode.ok
      }
      case "wallet": {
        const { values, positionals } = parse(rest, {
          name: { type: "string" }, hotkey: { type: "string" }, path: { type: "string" }, "no-password": { type: "boolean" }, json: { type: "boolean" },
        })
        if (values.help) return printed(io, walletHelp)
        await wallet({
          action: positionals[0], name: values.name as string | undefined, hotkey: values.hotkey as string | undefined,
          path: values.path as string | undefined, noPassword: values["no-password"] === true, json: values.json === true,
        }, io)
        return ExitCode.ok
      }
      case "miner":
      case "validator": {
        const { values } = parse(rest, {
          subnet: { type: "string" }, wallet: { type: "string" }, hotkey: { type: "string" }, wallets: { type: "string" }, chain: { type: "string" },
          netuid: { type: "string" }, register: { type: "boolean" }, "metrics-port": { type: "string" }, port: { type: "string" }, host: { type: "string" },
          state: { type: "string" }, "timeout-ms": { type: "string" }, sample: { type: "string" }, "data-dir": { type: "string" },
        })
        if (values.help) return printed(io, neuronHelp(command))
        const str = (name: string) => values[name] as string | undefined
        await neuron(command, {
          subnet: str("subnet"), wallet: str("wallet"), hotkey: str("hotkey"), wallets: str("wallets"), chain: str("chain"), netuid: str("netuid"),
          register: values.register === true, metricsPort: str("metrics-port"), port: str("port"), host: str("host"), state: str("state"),
          timeoutMs: str("timeout-ms"), sample: str("sample"), dataDir: str("data-dir"),
        }, io, stopSignal())
        return ExitCode.ok
      }
      case "query": {
        const { values } = parse(rest, {
          subnet: { type: "string" }, input: { type: "string" }, wallet: { type: "string" }, hotkey: { type: "string" }, top: { type: "string" },
          chain: { type: "string" }, netuid: { type: "string" }, wallets: { type: "string" }, "timeout-ms": { type: "string" }, json: { type: "boolean" },
        })
        if (values.help) return printed(io, queryHelp)
        const str = (name: string) => values[name] as string | undefined
        await query({
          subnet: str("subnet"), input: str("input"), wallet: str("wallet"), hotkey: str("hotkey"), top: str("top"), chain: str("chain"),
          netuid: str("netuid"), wallets: str("wallets"), timeoutMs: str("timeout-ms"), json: values.json === true,
        }, io)
        return ExitCode.ok
      }
      case "localnet": {
        const { values } = parse(rest, {
          port: { type: "string" }, "block-time": { type: "string" }, state: { type: "string" }, preset: { type: "string" }, wallets: { type: "string" },
          tempo: { type: "string" },
        })
        if (values.help) return printed(io, localnetHelp)
        const stop = stopSignal()
        await localnet({
          port: values.port as string | undefined, blockTime: values["block-time"] as string | undefined, state: values.state as string | undefined,
          preset: values.preset as string | undefined, wallets: values.wallets as string | undefined, tempo: values.tempo as string | undefined,
        }, io, stop)
        return ExitCode.ok
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        return printed(io, help)
      default:
        throw new UsageError(`unknown command "${command}". Run "subnet --help" for the list.`)
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InvalidInput || e instanceof WalletError || e instanceof ScenarioError) {
      io.stderr(`subnet ${command}: ${e.message.replaceAll("\n", " ")}\n`)
      return ExitCode.badInput
    }
    if (e instanceof StartupError) {
      io.stderr(`subnet ${command}: ${e.message.replaceAll("\n", " ")}\n`)
      return ExitCode.failure
    }
    io.stderr(`subnet ${command}: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
    return ExitCode.failure
  }
}

/** Resolves on the first SIGINT or SIGTERM: long-running commands stop cleanly. */
const stopSignal = () => new Promise((resolve) => {
  process.once("SIGINT", resolve)
  process.once("SIGTERM", resolve)
})

function printed(io: Io, text: string): ExitCode {
  io.stdout(text)
  return ExitCode.ok
}
