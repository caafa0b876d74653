/**
 * `subnet miner` and `subnet validator`: a neuron process against a chain (a localnet's ws URL), keys from a btcli
 * wallet, structured JSON log lines on stderr, Prometheus metrics on --metrics-port, and a clean stop on SIGINT /
 * SIGTERM. A chain that goes away is waited for (the calls fail with ChainUnavailable and are retried).
 */
import type { Chain, ConfigSources, Keypair, OnChainUnavailable, Transport } from "@subnetkit/core"
import {
  ensureRegistered,
  HttpTransport,
  keysReady,
  listWallets,
  makeValidator,
  NotRegistered,
  readColdkey,
  readHotkey,
  serveMiner,
  StateStore,
  WalletError,
  whileChainUnavailable,
} from "@subnetkit/core"
import type { Scope } from "effect"
import { Cause, Effect, Exit, Fiber, Layer, Logger } from "effect"
import { join } from "node:path"
import type { Io } from "../Io.ts"
import { RuntimeFailure, StartupError, UsageError } from "../Io.ts"
import { integerFlag } from "../parseArgs.ts"
import { chainLayer, networkHelp } from "../runtime/chainLayer.ts"
import { loadSubnet, subnetSettings } from "../runtime/loadSubnet.ts"
import { Metrics } from "../runtime/Metrics.ts"

export const neuronHelp = (
  role: "miner" | "validator",
) => `Usage: subnet ${role} --subnet <name|path> --wallet <name> [--hotkey <name>] [options]

Runs a ${role} of the subnet against a chain${
  role === "miner" ? ", serving its Axon (HTTP and WebSocket)" : ", querying miners and setting weights"
}.

  --subnet <name|path>   a built-in subnet (arithmetic, labels, kv) or a module whose default export is defineSubnet(...)
  --wallet, --hotkey     the btcli wallet and hotkey (default hotkey: default); --wallets <dir> for their folder
  --chain <url>          the chain (default ws://127.0.0.1:9944, a \`subnet localnet\`); --netuid (default 1)
${networkHelp}                         (the hotkey signs weights and axons; registering there needs the coldkey: use btcli)
  --register             register the hotkey first if it is not registered
  --metrics-port <port>  Prometheus metrics on 127.0.0.1:<port>/metrics
  --config <file.json>   options from the file's "${role}" section and subnet settings from its "subnet" section;
                         any option also from SUBNET_<OPTION> (SUBNET_CHAIN, …); flags win over both
  --set <field=value>    a subnet setting (repeatable), over the file and the subnet's environment variables
  --max-request-bytes, --max-response-bytes   override the subnet's byte limits (what a miner accepts / a validator reads)
${
  role === "miner"
    ? "  --port <port>          the Axon port (default: any free port); --host (default 127.0.0.1)\n  --data-dir <dir>       where the miner keeps its data (default <wallets>/<wallet>/data/<hotkey>/netuid-<netuid>)\n"
    : "  --state <file>         where scores are kept across restarts (default <wallets>/<wallet>/validator-<netuid>.json)\n  --timeout-ms <ms>      per-request timeout (default 12000); --sample <n> miners per step (default 16)\n"
}`

export interface NeuronArgs {
  readonly subnet: string | undefined
  readonly wallet: string | undefined
  readonly hotkey: string | undefined
  readonly wallets: string | undefined
  readonly chain: string | undefined
  readonly network: string | undefined
  readonly netuid: string | undefined
  readonly register: boolean
  readonly metricsPort: string | undefined
  readonly port: string | undefined
  readonly host: string | undefined
  readonly state: string | undefined
  readonly timeoutMs: string | undefined
  readonly sample: string | undefined
  readonly dataDir: string | undefined
  readonly maxRequestBytes: string | undefined
  readonly maxResponseBytes: string | undefined
  /** Where the subnet's settings come from (file section, environment, --set). */
  readonly settings: ConfigSources
}

export async function neuron(
  role: "miner" | "validator",
  args: NeuronArgs,
  io: Io,
  stop: Promise<unknown>,
): Promise<void> {
  if (args.subnet === undefined) throw new UsageError(`${role} needs --subnet <name|path>`)
  if (args.wallet === undefined) throw new UsageError(`${role} needs --wallet <name>`)
  const loaded = await loadSubnet(args.subnet)
  // The subnet's byte limits, unless the flags say otherwise (timeout and sample size are the validator's options).
  const subnet = {
    ...loaded,
    limits: {
      ...loaded.limits,
      maxRequestBytes: integerFlag("max-request-bytes", args.maxRequestBytes) ?? loaded.limits.maxRequestBytes,
      maxResponseBytes: integerFlag("max-response-bytes", args.maxResponseBytes) ?? loaded.limits.maxResponseBytes,
    },
  }
  const config = await subnetSettings(subnet, args.settings)
  if (subnet.prepare !== undefined) {
    const prepared = await Effect.runPromiseExit(subnet.prepare(role, config))
    if (Exit.isFailure(prepared)) {
      throw new StartupError(
        `${role} of subnet ${subnet.name} cannot start: ${messageOf(Cause.squash(prepared.cause))}`,
      )
    }
  }
  await Effect.runPromise(keysReady)
  const walletDir = args.wallets
  const hotkeyName = args.hotkey ?? "default"
  const key: Keypair = await readHotkey(args.wallet, hotkeyName, walletDir)
  const coldkey = (await listWallets(walletDir)).find((w) => w.name === args.wallet)?.coldkey ?? null
  // The chain calls are signed by their account: the hotkey (axon, weights), and with --register the coldkey, which
  // pays the burn (its password from SUBNET_WALLET_PASSWORD when it is encrypted).
  const coldkeyPair = args.register && coldkey !== null ?
    await readColdkey(args.wallet, process.env.SUBNET_WALLET_PASSWORD, walletDir).catch((e) => {
      throw new UsageError(
        `--register signs the registration with wallet ${args.wallet}'s coldkey: ${
          e instanceof WalletError ? e.message : String(e)
        }`,
      )
    }) :
    null
  const netuid = integerFlag("netuid", args.netuid, 0, 65535) ?? 1
  const { url, layer: chain } = chainLayer(args, coldkeyPair === null ? [key] : [key, coldkeyPair])
  const dataDir = args.dataDir ?? join(walletDir ?? ".", args.wallet, "data", hotkeyName, `netuid-${netuid}`)
  const metrics = new Metrics()
  const metricsServer = args.metricsPort === undefined
    ? null
    : await metrics.serve(integerFlag("metrics-port", args.metricsPort, 0, 65535) ?? 0)
  const log = (line: Record<string, unknown>) =>
    io.stderr(JSON.stringify({ time: new Date().toISOString(), role, hotkey: key.address, ...line }) + "\n")
  if (metricsServer) {
    log({ level: "info", event: "metrics.serving", url: `http://127.0.0.1:${metricsServer.port}/metrics` })
  }

  /** Each wait for an unavailable chain is one JSON line (the runtime backs off 1 s doubling to 30 s) and a count. */
  const onChainUnavailable: OnChainUnavailable = (e, attempt, waitMs) =>
    Effect.sync(() => {
      metrics.inc("subnetkit_chain_errors_total", "Chain calls that failed", { reason: "ChainUnavailable" })
      log({
        level: "warn",
        event: "chain.waiting",
        message: `waiting for the chain at ${url}: retry in ${waitMs / 1000} s`,
        detail: e.detail,
        attempt,
      })
    })
  const netuidArgs = { netuid, hotkey: key.address, register: args.register, ...(coldkey === null ? {} : { coldkey }) }
  const register = Effect.gen(function*() {
    if (args.register && coldkey === null) {
      return yield* Effect.die(new UsageError(`wallet ${args.wallet} has no coldkeypub.txt to register with`))
    }
    const { uid, registered } = yield* whileChainUnavailable(ensureRegistered(netuidArgs), onChainUnavailable)
    if (registered) log({ level: "info", event: "registered", uid })
  })

  const minerProgram = Effect.gen(function*() {
    yield* register
    const served = yield* whileChainUnavailable(
      serveMiner(subnet, { netuid, hotkey: key.address, syncEveryBlocks: 2, dataDir, config }),
      onChainUnavailable,
    )
    log({ level: "info", event: "miner.serving", ip: served.address.ip, port: served.address.port, netuid, dataDir })
    return yield* served.run(onChainUnavailable)
  })

  const validatorProgram = Effect.gen(function*() {
    yield* register
    const validator = yield* makeValidator(subnet, {
      config,
      netuid,
      hotkey: key.address,
      timeoutMs: integerFlag("timeout-ms", args.timeoutMs) ?? subnet.limits.timeoutMs,
      sampleSize: integerFlag("sample", args.sample) ?? subnet.limits.sampleSize,
    }).pipe(
      Effect.provide(
        StateStore.layerFile(args.state ?? join(walletDir ?? ".", args.wallet!, `validator-${netuid}.json`)),
      ),
    )
    log({ level: "info", event: "validator.started", step: validator.state().step })
    return yield* validator.run({
      onChainUnavailable,
      onStep: (report) =>
        Effect.sync(() => {
          for (const a of report.answers) {
            metrics.inc("subnetkit_validator_answers_total", "Answers by status", { status: a.status })
          }
          for (const r of report.results) {
            metrics.set("subnetkit_validator_score", "Last reward per miner uid", r.reward, { uid: String(r.uid) })
          }
          for (const action of report.weights) {
            metrics.inc("subnetkit_validator_weights_total", "Weights set, committed or revealed", { action })
          }
          log({
            level: "info",
            event: "validator.step",
            step: report.step,
            block: report.block,
            answers: report.answers.length,
            rewards: Object.fromEntries(report.results.map((r) => [r.uid, Math.round(r.reward * 1e4) / 1e4])),
            weights: report.weights,
          })
        }),
    })
  })

  const transport = HttpTransport.layer({
    keys: [key],
    host: args.host ?? "127.0.0.1",
    axon: {
      ...(args.port === undefined ? {} : { port: integerFlag("port", args.port, 0, 65535)! }),
      log: (line) => {
        metrics.inc("subnetkit_axon_refusals_total", "Requests refused by the Axon", { reason: String(line.error) })
        log(line)
      },
      observe: (status) =>
        metrics.inc("subnetkit_axon_requests_total", "Requests answered by the Axon", { status: String(status) }),
    },
  })
  const chosen: Effect.Effect<never, unknown, Chain | Transport | Scope.Scope> = role === "miner"
    ? minerProgram
    : validatorProgram
  // The runtime's own log lines (Effect.log*) become JSON lines on stderr like every other line of this process.
  const logger = Logger.layer([
    Logger.make((o) => log({ level: String(o.logLevel).toLowerCase(), event: "log", message: String(o.message) })),
  ])
  const program = chosen.pipe(Effect.scoped, Effect.provide(Layer.mergeAll(chain, transport, logger)))
  const fiber = Effect.runFork(program)
  const outcome = await Promise.race([stop.then(() => "stopped" as const), Effect.runPromise(Fiber.await(fiber))])
  if (outcome === "stopped") {
    await Effect.runPromise(Fiber.interrupt(fiber))
    log({ level: "info", event: `${role}.stopped` })
  } else if (outcome._tag === "Failure") {
    await metricsServer?.close()
    const error = Cause.squash((outcome as Exit.Failure<never, unknown>).cause)
    // Not registered without --register is a usage problem: one line naming the fix, exit 2.
    if (error instanceof NotRegistered) {
      throw new UsageError(
        `hotkey ${hotkeyName} (${key.address}) of wallet ${args.wallet} is not registered on subnet ${netuid}: run again with --register to register it (burns the registration cost)`,
      )
    }
    if (error instanceof Error && ["UsageError", "SubnetCodeError"].includes(error.name)) throw error
    throw new RuntimeFailure(`${role} failed: ${messageOf(error)}`)
  }
  await metricsServer?.close()
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))
