/**
 * Every `subnet` command: its flags, and how to run it. A command's module is imported when that command runs (or
 * prints its help), never at start-up.
 */
import type { Io } from "../Io.ts"
import { UsageError } from "../Io.ts"
import type { Options, Parsed } from "../parseArgs.ts"

export interface CommandSpec {
  readonly options: Options
  readonly help: (command: string) => Promise<string>
  readonly run: (command: string, parsed: Parsed, io: Io) => Promise<void>
}

const string = { type: "string" } as const
const boolean = { type: "boolean" } as const
/** `--config <file.json>` and repeatable `--set field=value` (subnet settings): see runtime/configuration.ts. */
const configurable = { config: string, set: { type: "string", multiple: true } } as const

const str = (parsed: Parsed, name: string) => parsed.values[name] as string | undefined
const flag = (parsed: Parsed, name: string) => parsed.values[name] === true

const noPositionals = (command: string, parsed: Parsed, hint = "") => {
  if (parsed.positionals.length > 0) {
    throw new UsageError(`${command} takes no positional arguments, got "${parsed.positionals[0]}"${hint}`)
  }
}

/** Resolves on the first SIGINT or SIGTERM: long-running commands stop cleanly. */
const stopSignal = () => new Promise((resolve) => {
  process.once("SIGINT", resolve)
  process.once("SIGTERM", resolve)
})

const neuronOptions: Options = {
  subnet: string,
  wallet: string,
  hotkey: string,
  wallets: string,
  chain: string,
  network: string,
  netuid: string,
  register: boolean,
  "metrics-port": string,
  port: string,
  host: string,
  state: string,
  "timeout-ms": string,
  sample: string,
  "data-dir": string,
  "max-request-bytes": string,
  "max-response-bytes": string,
  ...configurable,
}

const neuron: CommandSpec = {
  options: neuronOptions,
  help: async (command) => (await import("./neuron.ts")).neuronHelp(command as "miner" | "validator"),
  run: async (command, p, io) => {
    noPositionals(command, p)
    const { neuron } = await import("./neuron.ts")
    await neuron(
      command as "miner" | "validator",
      {
        subnet: str(p, "subnet"),
        wallet: str(p, "wallet"),
        hotkey: str(p, "hotkey"),
        wallets: str(p, "wallets"),
        chain: str(p, "chain"),
        network: str(p, "network"),
        netuid: str(p, "netuid"),
        register: flag(p, "register"),
        metricsPort: str(p, "metrics-port"),
        port: str(p, "port"),
        host: str(p, "host"),
        state: str(p, "state"),
        timeoutMs: str(p, "timeout-ms"),
        sample: str(p, "sample"),
        dataDir: str(p, "data-dir"),
        maxRequestBytes: str(p, "max-request-bytes"),
        maxResponseBytes: str(p, "max-response-bytes"),
        settings: (await import("../runtime/configuration.ts")).subnetSources(p),
      },
      io,
      stopSignal(),
    )
  },
}

export const commands: Readonly<Record<string, CommandSpec>> = {
  epoch: {
    options: { mechanism: string },
    help: async () => (await import("./epoch.ts")).epochHelp,
    run: async (_, p, io) => {
      if (p.positionals.length !== 1) {
        throw new UsageError(
          p.positionals.length === 0
            ? `missing the fixture file: subnet epoch <file.json>. Run "subnet epoch --help".`
            : `epoch takes one file, got ${p.positionals.length}. Run "subnet epoch --help".`,
        )
      }
      const { epoch } = await import("./epoch.ts")
      await epoch({ file: p.positionals[0]!, mechanism: str(p, "mechanism") }, io)
    },
  },
  emission: {
    options: { json: boolean, "block-seconds": string, netuid: string, chain: string },
    help: async () => (await import("./emission.ts")).emissionHelp,
    run: async (_, p, io) => {
      if (p.positionals.length > 0) throw new UsageError(`emission takes no arguments, got "${p.positionals[0]}"`)
      if (p.values.netuid !== undefined) {
        const { subnetEmission } = await import("./metagraph.ts")
        return subnetEmission({
          netuid: str(p, "netuid"),
          chain: str(p, "chain"),
          network: undefined,
          json: flag(p, "json"),
        }, io)
      }
      const { emission } = await import("./emission.ts")
      emission({ json: flag(p, "json"), blockSeconds: str(p, "block-seconds") }, io)
    },
  },
  simulate: {
    options: {
      scenario: string,
      "print-scenario": boolean,
      epochs: string,
      seed: string,
      mechanism: string,
      compare: string,
      json: boolean,
      csv: boolean,
      report: string,
      ...configurable,
    },
    help: async () => (await import("./simulate.ts")).simulateHelp,
    run: async (command, p, io) => {
      noPositionals(command, p, " (use --scenario <file>)")
      const { simulateCommand } = await import("./simulate.ts")
      await simulateCommand({
        scenario: str(p, "scenario"),
        printScenario: flag(p, "print-scenario"),
        epochs: str(p, "epochs"),
        seed: str(p, "seed"),
        mechanism: str(p, "mechanism"),
        compare: str(p, "compare"),
        json: flag(p, "json"),
        csv: flag(p, "csv"),
        report: str(p, "report"),
        settings: (await import("../runtime/configuration.ts")).subnetSources(p),
      }, io)
    },
  },
  wallet: {
    options: { name: string, hotkey: string, path: string, "no-password": boolean, overwrite: boolean, json: boolean },
    help: async () => (await import("./wallet.ts")).walletHelp,
    run: async (_, p, io) => {
      const { wallet } = await import("./wallet.ts")
      await wallet({
        action: p.positionals[0],
        name: str(p, "name"),
        hotkey: str(p, "hotkey"),
        path: str(p, "path"),
        noPassword: flag(p, "no-password"),
        overwrite: flag(p, "overwrite"),
        json: flag(p, "json"),
      }, io)
    },
  },
  metagraph: {
    options: { netuid: string, chain: string, network: string, json: boolean },
    help: async () => (await import("./metagraph.ts")).metagraphHelp,
    run: async (command, p, io) => {
      noPositionals(command, p)
      const { metagraph } = await import("./metagraph.ts")
      await metagraph({
        netuid: str(p, "netuid"),
        chain: str(p, "chain"),
        network: str(p, "network"),
        json: flag(p, "json"),
      }, io)
    },
  },
  miner: neuron,
  validator: neuron,
  query: {
    options: {
      subnet: string,
      input: string,
      wallet: string,
      hotkey: string,
      top: string,
      chain: string,
      network: string,
      netuid: string,
      wallets: string,
      "timeout-ms": string,
      json: boolean,
    },
    help: async () => (await import("./query.ts")).queryHelp,
    run: async (command, p, io) => {
      noPositionals(command, p)
      const { query } = await import("./query.ts")
      await query({
        subnet: str(p, "subnet"),
        input: str(p, "input"),
        wallet: str(p, "wallet"),
        hotkey: str(p, "hotkey"),
        top: str(p, "top"),
        chain: str(p, "chain"),
        network: str(p, "network"),
        netuid: str(p, "netuid"),
        wallets: str(p, "wallets"),
        timeoutMs: str(p, "timeout-ms"),
        json: flag(p, "json"),
      }, io)
    },
  },
  storage: {
    options: {
      subnet: string,
      dir: string,
      state: string,
      wallet: string,
      hotkey: string,
      wallets: string,
      chain: string,
      netuid: string,
      out: string,
      "out-dir": string,
      "timeout-ms": string,
      json: boolean,
    },
    help: async () => (await import("./storage.ts")).storageHelp,
    run: async (_, p, io) => (await import("./storage.ts")).runStorage(p, io),
  },
  localnet: {
    options: {
      port: string,
      "block-time": string,
      state: string,
      preset: string,
      wallets: string,
      tempo: string,
      chopsticks: string,
    },
    help: async () => (await import("./localnet.ts")).localnetHelp,
    run: async (command, p, io) => {
      noPositionals(command, p)
      if (p.values.chopsticks !== undefined) {
        const { localnetChopsticks } = await import("./localnetChopsticks.ts")
        return localnetChopsticks(
          {
            spec: str(p, "chopsticks")!,
            port: str(p, "port"),
            blockTime: str(p, "block-time"),
            tempo: str(p, "tempo"),
          },
          io,
          stopSignal(),
        )
      }
      const { localnet } = await import("./localnet.ts")
      await localnet(
        {
          port: str(p, "port"),
          blockTime: str(p, "block-time"),
          state: str(p, "state"),
          preset: str(p, "preset"),
          wallets: str(p, "wallets"),
          tempo: str(p, "tempo"),
        },
        io,
        stopSignal(),
      )
    },
  },
}
