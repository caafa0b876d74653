/**
 * `subnet miner` and `subnet validator`: a neuron process against a chain (a localnet's ws URL), keys from a btcli
 * wallet, structured JSON log lines on stderr, Prometheus metrics on --metrics-port, and a clean stop on SIGINT /
 * SIGTERM. A chain that goes away is waited for (the calls fail with ChainUnavailable and are retried). The whole
 * process is one Effect: its chain connection, Axon and metrics endpoint live in one scope, closed on stop.
 */
import type { Chain, Keypair, OnChainUnavailable, Transport } from "@subnetkit/core"
import {
  ensureRegistered,
  HttpTransport,
  keysReady,
  listWallets,
  makeValidator,
  readColdkey,
  readHotkey,
  serveMiner,
  StateStore,
  whileChainUnavailable,
} from "@subnetkit/core"
import type { Scope } from "effect"
import { Cause, Effect, Layer, Logger, Metric } from "effect"
import { join } from "node:path"
import { promised, RuntimeFailure, StartupError, UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { stopped } from "../Io.ts"
import { chainLayer, networkHelp } from "../runtime/chainLayer.ts"
import { loadSubnet, subnetSettings } from "../runtime/loadSubnet.ts"
import {
  axonRefusals,
  axonRequests,
  chainErrors,
  count,
  serveMetrics,
  validatorAnswers,
  validatorReward,
  validatorWeights,
} from "../runtime/metrics.ts"
import { SubnetCodeError } from "../runtime/subnetCode.ts"
import type { Args } from "./options.ts"

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

type Role = "miner" | "validator"

/** The wallet's keys: the hotkey signs axons and weights; with --register the coldkey signs (and pays) the burn. */
const walletKeys = (args: Args<"miner">, wallet: string) =>
  Effect.gen(function*() {
    yield* keysReady
    const key: Keypair = yield* promised(() => readHotkey(wallet, args.hotkey ?? "default", args.wallets))
    const coldkey = (yield* promised(() => listWallets(args.wallets))).find((w) => w.name === wallet)?.coldkey ?? null
    if (args.register && coldkey === null) {
      return yield* new UsageError(`wallet ${wallet} has no coldkeypub.txt to register with`)
    }
    // An encrypted coldkey's password comes from SUBNET_WALLET_PASSWORD.
    const coldkeyPair = !args.register ?
      null :
      yield* promised(() => readColdkey(wallet, process.env.SUBNET_WALLET_PASSWORD, args.wallets)).pipe(
        Effect.mapError((e) =>
          new UsageError(`--register signs the registration with wallet ${wallet}'s coldkey: ${messageOf(e)}`)
        ),
      )
    return { key, coldkey, signers: coldkeyPair === null ? [key] : [key, coldkeyPair] }
  })

/** `subnet miner` / `subnet validator`: runs until `io.stop` resolves (a signal in the CLI). */
export const neuron = (role: Role, args: Args<"miner">, io: Io) =>
  Effect.gen(function*() {
    const stopping = stopped(io) // listening from the start: a signal while it starts up stops it cleanly too
    if (args.subnet === undefined) return yield* new UsageError(`${role} needs --subnet <name|path>`)
    if (args.wallet === undefined) return yield* new UsageError(`${role} needs --wallet <name>`)
    const wallet = args.wallet
    const loaded = yield* promised(() => loadSubnet(args.subnet!))
    // The subnet's byte limits, unless the flags say otherwise (timeout and sample size are the validator's options).
    const subnet = {
      ...loaded,
      limits: {
        ...loaded.limits,
        maxRequestBytes: args.maxRequestBytes ?? loaded.limits.maxRequestBytes,
        maxResponseBytes: args.maxResponseBytes ?? loaded.limits.maxResponseBytes,
      },
    }
    const config = yield* subnetSettings(subnet, args)
    yield* (subnet.prepare?.(role, config) ?? Effect.void).pipe(
      Effect.catchCause((cause) =>
        Effect.fail(
          new StartupError(`${role} of subnet ${subnet.name} cannot start: ${messageOf(Cause.squash(cause))}`),
        )
      ),
    )
    const { key, coldkey, signers } = yield* walletKeys(args, wallet)
    const hotkeyName = args.hotkey ?? "default"
    const netuid = args.netuid ?? 1
    const { url, layer: chain } = yield* chainLayer(args, signers)
    const dataDir = args.dataDir ?? join(args.wallets ?? ".", wallet, "data", hotkeyName, `netuid-${netuid}`)
    const log = (line: Record<string, unknown>) =>
      io.stderr(JSON.stringify({ time: new Date().toISOString(), role, hotkey: key.address, ...line }) + "\n")
    if (args.metricsPort !== undefined) {
      const port = yield* serveMetrics(args.metricsPort)
      log({ level: "info", event: "metrics.serving", url: `http://127.0.0.1:${port}/metrics` })
    }

    /** Each wait for an unavailable chain is one JSON line (the runtime backs off 1 s doubling to 30 s) and a count. */
    const onChainUnavailable: OnChainUnavailable = (e, attempt, waitMs) =>
      count(chainErrors, { reason: "ChainUnavailable" }).pipe(Effect.andThen(Effect.sync(() =>
        log({
          level: "warn",
          event: "chain.waiting",
          message: `waiting for the chain at ${url}: retry in ${waitMs / 1000} s`,
          detail: e.detail,
          attempt,
        })
      )))
    const netuidArgs = {
      netuid,
      hotkey: key.address,
      register: args.register,
      ...(coldkey === null ? {} : { coldkey }),
    }
    const register = Effect.gen(function*() {
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
        timeoutMs: args.timeoutMs ?? subnet.limits.timeoutMs,
        sampleSize: args.sample ?? subnet.limits.sampleSize,
      }).pipe(
        Effect.provide(
          StateStore.layerFile(args.state ?? join(args.wallets ?? ".", wallet, `validator-${netuid}.json`)),
        ),
      )
      log({ level: "info", event: "validator.started", step: validator.state().step })
      return yield* validator.run({
        onChainUnavailable,
        onStep: (report) =>
          Effect.gen(function*() {
            for (const a of report.answers) yield* count(validatorAnswers, { status: a.status })
            for (const r of report.results) {
              yield* Metric.update(Metric.withAttributes(validatorReward, { uid: String(r.uid) }), r.reward)
            }
            for (const action of report.weights) yield* count(validatorWeights, { action })
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

    // The Axon reports through plain callbacks: their counts go to this neuron's registry directly.
    const context = yield* Effect.context<never>()
    const transport = HttpTransport.layer({
      keys: [key],
      host: args.host ?? "127.0.0.1",
      axon: {
        ...(args.port === undefined ? {} : { port: args.port }),
        log: (line) => {
          Metric.withAttributes(axonRefusals, { reason: String(line.error) }).updateUnsafe(1, context)
          log(line)
        },
        observe: (status) => Metric.withAttributes(axonRequests, { status: String(status) }).updateUnsafe(1, context),
      },
    })
    const chosen: Effect.Effect<
      void,
      Effect.Error<typeof minerProgram | typeof validatorProgram>,
      Chain | Transport | Scope.Scope
    > = role === "miner"
      ? minerProgram
      : validatorProgram
    // The runtime's own log lines (Effect.log*) become JSON lines on stderr like every other line of this process.
    const logger = Logger.layer([
      Logger.make((o) => log({ level: String(o.logLevel).toLowerCase(), event: "log", message: String(o.message) })),
    ])
    const program = chosen.pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(chain, transport, logger)),
      // Not registered without --register is a usage problem: one line naming the fix, exit 2.
      Effect.catchTag("NotRegistered", () =>
        Effect.fail(
          new UsageError(
            `hotkey ${hotkeyName} (${key.address}) of wallet ${wallet} is not registered on subnet ${netuid}: run again with --register to register it (burns the registration cost)`,
          ),
        )),
      // Anything else that ends the neuron is one line, exit 1; a bug in the subnet's own code names its function.
      Effect.mapError((e) => e instanceof UsageError ? e : new RuntimeFailure(`${role} failed: ${messageOf(e)}`)),
      Effect.catchDefect((d) =>
        d instanceof SubnetCodeError
          ? Effect.die(d)
          : Effect.fail(new RuntimeFailure(`${role} failed: ${messageOf(d)}`))
      ),
    )
    const outcome = yield* Effect.raceFirst(program, Effect.promise(() => stopping).pipe(Effect.as("stopped")))
    if (outcome === "stopped") log({ level: "info", event: `${role}.stopped` })
  }).pipe(Effect.scoped, Effect.provideService(Metric.MetricRegistry, new Map()))

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))
