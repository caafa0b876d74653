/**
 * `subnet metagraph --netuid N` and `subnet emission --netuid N`: a subnet as the chain holds it now (a localnet's ws
 * URL), as a table or JSON. The chain keeps the last epoch's values only, so `emission` shows what that epoch paid.
 */
import type { NeuronInfo, SubnetSnapshot } from "@subnetkit/core"
import { Chain } from "@subnetkit/core"
import { Effect } from "effect"
import type { Io } from "../Io.ts"
import { UsageError } from "../Io.ts"
import { integerFlag } from "../parseArgs.ts"
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
  readonly netuid: string | undefined
  readonly chain: string | undefined
  readonly network: string | undefined
  readonly json: boolean
}

const u16 = (x: number) => Math.round((x / 65535) * 1e4) / 1e4

export async function readSubnet(args: SubnetReadArgs, command: string, io: Io): Promise<SubnetSnapshot> {
  if (args.netuid === undefined) throw new UsageError(`missing --netuid: subnet ${command} --netuid <n>`)
  const netuid = integerFlag("netuid", args.netuid, 0, 65535)!
  const { url, layer } = chainLayer(args, [])
  const job = Effect.gen(function*() {
    return yield* (yield* Chain).subnetState(netuid, "full")
  }).pipe(Effect.provide(layer)) // reads only: no keys
  return withChainRetries(
    job.pipe(Effect.catchTag("ChainError", (e) => Effect.fail(new UsageError(`subnet ${netuid}: ${e.message}`)))),
    url,
    io,
  )
}

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
export async function metagraph(args: SubnetReadArgs, io: Io): Promise<void> {
  const state = await readSubnet(args, "metagraph", io)
  const rows = state.neurons.map(row)
  if (args.json) {
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

/** `subnet emission --netuid N`: what the last epoch paid, by role (owner, validators with a permit, miners) and uid. */
export async function subnetEmission(args: SubnetReadArgs, io: Io): Promise<void> {
  const state = await readSubnet(args, "emission", io)
  const role = (n: NeuronInfo) => (n.hotkey === state.ownerHotkey ? "owner" : n.validatorPermit ? "validator" : "miner")
  const sum = (ns: ReadonlyArray<NeuronInfo>) => ns.reduce((a, n) => a + n.emissionRao, 0n)
  const roles = ["owner", "validator", "miner"].map((r) => ({
    role: r,
    rao: sum(state.neurons.filter((n) => role(n) === r)),
  }))
  const total = sum(state.neurons)
  const share = (rao: bigint) => (total === 0n ? 0 : Number((rao * 10_000n) / total) / 100)
  if (args.json) {
    return io.stdout(
      JSON.stringify({
        netuid: state.netuid,
        block: state.block,
        tempo: state.tempo,
        totalTao: formatTao(total),
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
  io.stdout(
    textTable([
      ["uid", "hotkey", "role", "TAO"],
      ...state.neurons.map((n) => [String(n.uid), `${n.hotkey.slice(0, 8)}…`, role(n), formatTao(n.emissionRao)]),
    ]),
  )
}
