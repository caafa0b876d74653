/**
 * Adds up a simulation epoch by epoch — who was paid what, incentive and trust — and turns it into the run's
 * summary per miner group and per validator, with net profit after burns and running costs.
 */
import type { EpochPayout } from "../chain/mock/runEpoch.ts"
import type { SubnetSnapshot } from "../chain/types.ts"
import type { MinerSummary, ProfileSummary, SimulationRun, ValidatorSummary } from "./SimulationResult.ts"
import { round9 } from "./round9.ts"

export interface LedgerSetup {
  readonly minerGroups: ReadonlyArray<{
    readonly name: string
    readonly profile: string
    readonly operators: number
    readonly hotkeys: ReadonlyArray<string>
    /** Running cost of the whole group over the run, in TAO. */
    readonly costTao: number
  }>
  readonly validators: ReadonlyArray<{
    readonly name: string
    readonly group: string
    readonly profile: string
    readonly hotkey: string
    readonly stakeTao: number
    readonly costTao: number
  }>
  /** Registration burn paid per hotkey. */
  readonly burnsRao: ReadonlyMap<string, bigint>
}

interface Account {
  minerRao: bigint
  validatorRao: bigint
  incentive: number
  trust: number
  epochs: number
}

const RAO = 1e9
const tao = (rao: bigint): number => Number(rao) / RAO
/** Rounding that makes output byte-stable: TAO to the rao, fractions to 1e-9. */
const share = (part: bigint, whole: bigint): number => (whole === 0n ? 0 : round9(Number((part * 1_000_000_000_000n) / whole) / 1e12))

export class Ledger {
  private readonly accounts = new Map<string, Account>()
  private readonly shareSeries: Record<string, Array<number>> = {}
  private readonly dividendSeries: Record<string, Array<number>> = {}
  private readonly groupOf = new Map<string, string>()
  private totals = { owner: 0n, miners: 0n, validators: 0n }
  private last: SubnetSnapshot | undefined

  constructor(private readonly setup: LedgerSetup) {
    for (const g of setup.minerGroups) {
      this.shareSeries[g.name] = []
      for (const hotkey of g.hotkeys) this.groupOf.set(hotkey, g.name)
    }
    for (const v of setup.validators) this.dividendSeries[v.name] = []
  }

  private account(hotkey: string): Account {
    let account = this.accounts.get(hotkey)
    if (account === undefined) this.accounts.set(hotkey, account = { minerRao: 0n, validatorRao: 0n, incentive: 0, trust: 0, epochs: 0 })
    return account
  }

  /** Books one epoch: `snapshot` is the subnet as the epoch left it, `payout` what it paid. */
  epoch(snapshot: SubnetSnapshot, payout: EpochPayout): void {
    this.last = snapshot
    const groupRao: Record<string, bigint> = {}
    let minersRao = 0n
    snapshot.neurons.forEach((neuron, uid) => {
      const a = this.account(neuron.hotkey)
      const minerRao = payout.minerRao[uid] ?? 0n
      a.minerRao += minerRao
      a.validatorRao += payout.validatorRao[uid] ?? 0n
      a.incentive += neuron.incentive / 65535
      a.trust += neuron.validatorTrust / 65535
      a.epochs += 1
      const group = this.groupOf.get(neuron.hotkey)
      if (group !== undefined) {
        groupRao[group] = (groupRao[group] ?? 0n) + minerRao
        minersRao += minerRao
      }
    })
    for (const name of Object.keys(this.shareSeries)) this.shareSeries[name]!.push(share(groupRao[name] ?? 0n, minersRao))
    const uidOf = new Map(snapshot.neurons.map((n, uid) => [n.hotkey, uid]))
    for (const v of this.setup.validators) {
      const uid = uidOf.get(v.hotkey)
      this.dividendSeries[v.name]!.push(round9(tao(uid === undefined ? 0n : payout.validatorRao[uid] ?? 0n)))
    }
    this.totals.owner += payout.ownerRao
    this.totals.miners += payout.minerRao.reduce((a, b) => a + b, 0n)
    this.totals.validators += payout.validatorRao.reduce((a, b) => a + b, 0n)
  }

  run(mechanism: string, refusedInReplay: number): SimulationRun {
    const burn = (hotkey: string) => this.setup.burnsRao.get(hotkey) ?? 0n
    const mean = (hotkey: string, field: "incentive" | "trust") => {
      const a = this.accounts.get(hotkey)
      return a === undefined || a.epochs === 0 ? 0 : a[field] / a.epochs
    }
    const minerRaoTotal = this.setup.minerGroups.flatMap((g) => g.hotkeys).reduce((sum, h) => sum + (this.accounts.get(h)?.minerRao ?? 0n), 0n)
    const validatorRaoTotal = this.setup.validators.reduce((sum, v) => sum + (this.accounts.get(v.hotkey)?.validatorRao ?? 0n), 0n)

    const unranked = this.setup.minerGroups.map((g) => {
      const emissionRao = g.hotkeys.reduce((sum, h) => sum + (this.accounts.get(h)?.minerRao ?? 0n), 0n)
      const burnRao = g.hotkeys.reduce((sum, h) => sum + burn(h), 0n)
      const net = tao(emissionRao - burnRao) - g.costTao
      return {
        name: g.name,
        profile: g.profile,
        miners: g.hotkeys.length,
        operators: g.operators,
        emissionShare: share(emissionRao, minerRaoTotal),
        emissionTao: round9(tao(emissionRao)),
        perHotkeyTao: round9(tao(emissionRao) / g.hotkeys.length),
        meanIncentive: round9(g.hotkeys.reduce((sum, h) => sum + mean(h, "incentive"), 0) / g.hotkeys.length),
        burnTao: round9(tao(burnRao)),
        costTao: round9(g.costTao),
        netProfitTao: round9(net),
        netPerOperatorTao: round9(net / g.operators),
      }
    })
    const order = unranked.map((p) => p.perHotkeyTao).sort((a, b) => b - a)
    const profiles: Array<ProfileSummary> = unranked.map((p) => ({ ...p, rank: order.indexOf(p.perHotkeyTao) + 1 }))

    const validators: Array<ValidatorSummary> = this.setup.validators.map((v) => {
      const dividendsRao = this.accounts.get(v.hotkey)?.validatorRao ?? 0n
      return {
        name: v.name,
        group: v.group,
        profile: v.profile,
        stake: v.stakeTao,
        dividendsTao: round9(tao(dividendsRao)),
        dividendShare: share(dividendsRao, validatorRaoTotal),
        dividendsPerStake: round9(tao(dividendsRao) / v.stakeTao),
        meanValidatorTrust: round9(mean(v.hotkey, "trust")),
        burnTao: round9(tao(burn(v.hotkey))),
        costTao: round9(v.costTao),
        netProfitTao: round9(tao(dividendsRao - burn(v.hotkey)) - v.costTao),
      }
    })

    const miners: Array<MinerSummary> = this.setup.minerGroups.flatMap((g) =>
      g.hotkeys.map((hotkey) => ({
        hotkey,
        group: g.name,
        meanIncentive: round9(mean(hotkey, "incentive")),
        emissionTao: round9(tao(this.accounts.get(hotkey)?.minerRao ?? 0n)),
      }))
    )

    return {
      mechanism,
      profiles,
      validators,
      miners,
      totals: { ownerTao: round9(tao(this.totals.owner)), minersTao: round9(tao(this.totals.miners)), validatorsTao: round9(tao(this.totals.validators)) },
      series: { emissionShare: this.shareSeries, dividendsTao: this.dividendSeries },
      lastEpoch: this.lastEpoch(),
      refusedInReplay,
    }
  }

  private lastEpoch(): SimulationRun["lastEpoch"] {
    const snapshot = this.last
    const minerHotkeys = this.setup.minerGroups.flatMap((g) => g.hotkeys)
    const empty = { validators: [], miners: minerHotkeys, weights: [], consensus: minerHotkeys.map(() => 0) }
    if (snapshot === undefined) return empty
    const uidOf = new Map(snapshot.neurons.map((n, uid) => [n.hotkey, uid]))
    const minerUids = minerHotkeys.map((h) => uidOf.get(h))
    const weights = this.setup.validators.map((v) => {
      const uid = uidOf.get(v.hotkey)
      const row = new Map(uid === undefined ? [] : snapshot.neurons[uid]!.weights.map(([j, w]) => [j, w]))
      const values = minerUids.map((j) => (j === undefined ? 0 : row.get(j) ?? 0))
      const total = values.reduce((a, b) => a + b, 0)
      return values.map((w) => (total === 0 ? 0 : round9(w / total)))
    })
    return {
      validators: this.setup.validators.map((v) => v.name),
      miners: minerHotkeys,
      weights,
      consensus: minerUids.map((j) => (j === undefined ? 0 : round9(snapshot.neurons[j]!.consensus / 65535))),
    }
  }
}
