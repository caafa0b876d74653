/**
 * Every `subnet` command's options, each declared once (see ../cli/options.ts): the parser, the typed values a
 * command receives (`Args<"simulate">`), the SUBNET_* and --config fallbacks all come from here. Data only: the
 * command modules import these types, and the table (table.ts) imports the modules when a command runs.
 */
import type { Values } from "../cli/options.ts"
import { boolean, integer, list, port, positive, string } from "../cli/options.ts"

const netuid = integer(0, 65535)
/** `--config <file.json>` and repeatable `--set field=value`: options from a file and SUBNET_*, subnet settings. */
const configurable = { config: string, set: list } as const

const neuron = {
  subnet: string,
  wallet: string,
  hotkey: string,
  wallets: string,
  chain: string,
  network: string,
  netuid,
  register: boolean,
  "metrics-port": port,
  port,
  host: string,
  state: string,
  "timeout-ms": integer(),
  sample: integer(),
  "data-dir": string,
  "max-request-bytes": integer(),
  "max-response-bytes": integer(),
  ...configurable,
}

export const commandOptions = {
  epoch: { mechanism: string },
  emission: { json: boolean, "block-seconds": positive, netuid, chain: string, network: string },
  simulate: {
    scenario: string,
    "print-scenario": boolean,
    epochs: integer(),
    seed: integer(),
    mechanism: string,
    compare: string,
    json: boolean,
    csv: boolean,
    report: string,
    ...configurable,
  },
  wallet: { name: string, hotkey: string, path: string, "no-password": boolean, overwrite: boolean, json: boolean },
  metagraph: { netuid, chain: string, network: string, json: boolean },
  miner: neuron,
  validator: neuron,
  query: {
    subnet: string,
    kind: string,
    input: string,
    wallet: string,
    hotkey: string,
    top: integer(),
    chain: string,
    network: string,
    netuid,
    wallets: string,
    "timeout-ms": integer(),
    json: boolean,
  },
  storage: {
    subnet: string,
    dir: string,
    state: string,
    wallet: string,
    hotkey: string,
    wallets: string,
    chain: string,
    netuid,
    out: string,
    "out-dir": string,
    "timeout-ms": integer(),
    json: boolean,
  },
  localnet: {
    port,
    "block-time": positive,
    state: string,
    preset: string,
    wallets: string,
    tempo: integer(1, 65535),
    chopsticks: string,
  },
}

export type CommandName = keyof typeof commandOptions

/** The values command `C` receives, typed by its declaration. */
export type Args<C extends CommandName> = Values<(typeof commandOptions)[C]>
