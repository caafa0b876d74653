/**
 * `subnet metagraph --netuid N` and `subnet emission --netuid N`: a subnet as the chain holds it now (a localnet's ws
 * URL), as a table or JSON. The chain keeps the last epoch's values only, so `emission` shows what that epoch paid.
 */
import type { NeuronInfo, SubnetSnapshot } from "@subnetkit/core"
import { Chain } from "@subnetkit/core"
import { Effect } from "effect"
import { UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { chainLayer } from "../runtime/chainLayer.ts"
import { withChainRetries } from "../runtime/chainRetries.ts"
import { textTable } from "../textTable.ts"
import { formatTao } from "./emission.ts"

export const metagraphHelp = `Usage: subnet metagraph --netuid <n> [--chain <url> | --network <name|url>] [--json]

Prints the subnet's neurons as the chain holds them after its last epoch: uid, hotkey, stake, incentive (I),
dividends (D), emission (E, TAO paid by the last epoch), consensus (C), validator trust, validator permit, axon and
the block of the last weights. I, D, C and trust are the chain's u16 values as fractions of 65535.
--chain defaults to ws://127.0.0.1:9944 (a \`subnet localnet\`); --network reads a subtensor node (finney, test, local, ws://…).
`

export interface SubnetReadArgs {
  readonly netuid: number | undefined
  readonly chain: string | undefined
  readonly network: string | undefined
  readonly json: boolean
}

const u16 = (x: number) => Math.round((x / 65535) * 1e4) / 1e4

/** The subnet's state now, and its hyperparameters when `withHyperparameters` (for the owner's cut). */
const readSubnet = (args: SubnetReadArgs, command: string, io: Io, withHyperparameters = false) =>
  Effect.gen(function*() {
    const netuid = args.netuid
    if (netuid === undefined) return yield* new UsageError(`missing --netuid: subnet ${command} --netuid <n>`)
    const { url, layer } = yield* chainLayer(args, []) // reads: no keys
    const job = Effect.gen(function*() {
      const chain = yield* Chain
      const state = yield* chain.subnetState(netuid, "full")
      return { state, hyperparameters: withHyperparameters ? yield* chain.hyperparameters(netuid) : undefined }
    }).pipe(
      Effect.provide(layer),
      Effect.catchTag("ChainError", (e) => Effect.fail(new UsageError(`subnet ${netuid}: ${e.message}`))),
    )
    return yield* withChainRetries(job, url, io)
  })

const row = (n: NeuronInfo) => ({
  uid: n.uid,
  hotkey: n.hotkey,
  coldkey: n.coldkey,
  stakeTao: formatTao(n.stakeRao),
  incentive: u16(n.incentive),
  dividends: u16(n.dividends),
  emissionTao: formatTao(n.emissionRao),
  consensus: u16(n.consensus),
  trust: u16(n.validatorTrust),
  validatorPermit: n.validatorPermit,
  axon: n.axon === null ? null : `${n.axon.ip}:${n.axon.port}`,
  lastUpdate: n.lastUpdate,
  active: n.active,
})

/** `subnet metagraph`. */
export const metagraph = (args: SubnetReadArgs, io: Io) =>
  readSubnet(args, "metagraph", io).pipe(Effect.map(({ state }) => printMetagraph(state, args.json, io)))

function printMetagraph(state: SubnetSnapshot, json: boolean, io: Io): void {
  const rows = state.neurons.map(row)
  if (json) {
    return io.stdout(
      JSON.stringify({ netuid: state.netuid, block: state.block, tempo: state.tempo, neurons: rows }) + "\n",
    )
  }
  io.stdout(`subnet ${state.netuid} at block ${state.block} (tempo ${state.tempo}), ${rows.length} neurons\n`)
  io.stdout(textTable([
    ["uid", "hotkey", "stake (TAO)", "I", "D", "E (TAO)", "C", "trust", "permit", "axon", "last update"],
    ...rows.map((
      r,
    ) => [
      String(r.uid),
      `${r.hotkey.slice(0, 8)}…`,
      r.stakeTao,
      r.incentive.toFixed(4),
      r.dividends.toFixed(4),
      r.emissionTao,
      r.consensus.toFixed(4),
      r.trust.toFixed(4),
      r.validatorPermit ? "yes" : "",
      r.axon ?? "",
      String(r.lastUpdate),
    ]),
  ]))
}

/**
 * The owner's cut of what an epoch paid: the chain pays it to the owner beside the epoch (SubnetOwnerCut of the
 * subnet's emission, the rest split between miners and validators), so no neuron's emission holds it; it is the
 * neurons' total × cut / (1 − cut), exact to a rao a block.
 */
export const ownerCutRao = (neuronsRao: bigint, ownerCutU16: number): bigint =>
  ownerCutU16 >= 65535 ? 0n : (neuronsRao * BigInt(ownerCutU16)) / BigInt(65535 - ownerCutU16)

/** `subnet emission --netuid N`: what the last epoch paid, by role (owner, validators with a permit, miners) and uid. */
export const subnetEmission = (args: SubnetReadArgs, io: Io) =>
  readSubnet(args, "emission", io, true).pipe(
    Effect.map(({ state, hyperparameters }) => printEmission(state, hyperparameters!.ownerCutU16, args.json, io)),
  )

function printEmission(state: SubnetSnapshot, ownerCutU16: number, json: boolean, io: Io): void {
  const role = (n: NeuronInfo) => (n.hotkey === state.ownerHotkey ? "owner" : n.validatorPermit ? "validator" : "miner")
  const sum = (ns: ReadonlyArray<NeuronInfo>) => ns.reduce((a, n) => a + n.emissionRao, 0n)
  const cutRao = ownerCutRao(sum(state.neurons), ownerCutU16)
  const roles = ["owner", "validator", "miner"].map((r) => ({
    role: r,
    rao: sum(state.neurons.filter((n) => role(n) === r)) + (r === "owner" ? cutRao : 0n),
  }))
  const total = sum(state.neurons) + cutRao
  const share = (rao: bigint) => (total === 0n ? 0 : Number((rao * 10_000n + total / 2n) / total) / 100)
  const cutPercent = Math.round((ownerCutU16 / 65535) * 1e4) / 100
  if (json) {
    return io.stdout(
      JSON.stringify({
        netuid: state.netuid,
        block: state.block,
        tempo: state.tempo,
        totalTao: formatTao(total),
        ownerCut: { percent: cutPercent, tao: formatTao(cutRao) },
        roles: roles.map((r) => ({ role: r.role, tao: formatTao(r.rao), percent: share(r.rao) })),
        neurons: state.neurons.map((n) => ({
          uid: n.uid,
          hotkey: n.hotkey,
          role: role(n),
          tao: formatTao(n.emissionRao),
        })),
      }) + "\n",
    )
  }
  io.stdout(
    `subnet ${state.netuid} at block ${state.block}: the last epoch (tempo ${state.tempo}) paid ${
      formatTao(total)
    } TAO\n`,
  )
  io.stdout(textTable([["role", "TAO", "%"], ...roles.map((r) => [r.role, formatTao(r.rao), share(r.rao).toFixed(2)])]))
  io.stdout(`The owner's row includes its cut, ${formatTao(cutRao)} TAO (${cutPercent}% of the subnet's emission).\n`)
  io.stdout(
    textTable([
      ["uid", "hotkey", "role", "TAO"],
      ...state.neurons.map((n) => [String(n.uid), `${n.hotkey.slice(0, 8)}…`, role(n), formatTao(n.emissionRao)]),
    ]),
  )
}
