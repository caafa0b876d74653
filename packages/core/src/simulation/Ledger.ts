/**
 * Adds up a simulation epoch by epoch — who was paid what, incentive and trust — and turns it into the run's
 * summary per miner group and per validator, with net profit after burns and running costs.
 */
import type { EpochPayout } from "../chain/mock/runEpoch.ts"
import type { SubnetSnapshot } from "../chain/types.ts"
import type { OperatorSetup } from "./Operators.ts"
import { operatorSummaries, sybilAdvantage } from "./Operators.ts"
import type { MinerSummary, ProfileSummary, SimulationRun, ValidatorSummary } from "./SimulationResult.ts"
import { round9, tao } from "./taoAmounts.ts"

export interface MinerGroupSetup {
  readonly name: string
  readonly profile: string
  readonly description: string
  /** Its operators present in the run. */
  readonly operators: ReadonlyArray<OperatorSetup>
  /** Running cost of one operator per epoch, and the epochs of the run it runs in: [fromEpoch, toEpoch). */
  readonly costTaoPerEpoch: number
  readonly fromEpoch: number
  readonly toEpoch: number
}

export interface LedgerSetup {
  readonly minerGroups: ReadonlyArray<MinerGroupSetup>
  readonly validators: ReadonlyArray<{
    readonly name: string
    readonly group: string
    readonly profile: string
    readonly description: string
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

/** Rounding that makes output byte-stable: TAO to the rao, fractions to 1e-9. */
const share = (
  part: bigint,
  whole: bigint,
): number => (whole === 0n ? 0 : round9(Number((part * 1_000_000_000_000n) / whole) / 1e12))
const hotkeysOf = (g: MinerGroupSetup) => g.operators.flatMap((o) => o.hotkeys)
/** Running cost of one operator of `g` over the run's first `epochs` epochs. */
const costOver = (g: MinerGroupSetup, epochs: number) =>
  g.costTaoPerEpoch * Math.max(0, Math.min(epochs, g.toEpoch) - g.fromEpoch)

export class Ledger {
  private readonly accounts = new Map<string, Account>()
  private readonly shareSeries: Record<string, Array<number>> = {}
  private readonly groupRaoSeries: Record<string, Array<bigint>> = {}
  private readonly dividendSeries: Record<string, Array<number>> = {}
  private readonly groupOf = new Map<string, string>()
  private totals = { owner: 0n, miners: 0n, validators: 0n }
  private last: SubnetSnapshot | undefined

  constructor(private readonly setup: LedgerSetup) {
    for (const g of setup.minerGroups) {
      this.shareSeries[g.name] = []
      this.groupRaoSeries[g.name] = []
      for (const hotkey of hotkeysOf(g)) this.groupOf.set(hotkey, g.name)
    }
    for (const v of setup.validators) this.dividendSeries[v.name] = []
  }

  private account(hotkey: string): Account {
    let account = this.accounts.get(hotkey)
    if (account === undefined) {
      this.accounts.set(hotkey, account = { minerRao: 0n, validatorRao: 0n, incentive: 0, trust: 0, epochs: 0 })
    }
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
    for (const name of Object.keys(this.shareSeries)) {
      this.shareSeries[name]!.push(share(groupRao[name] ?? 0n, minersRao))
      this.groupRaoSeries[name]!.push(groupRao[name] ?? 0n)
    }
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
    const earned = (hotkey: string) => this.accounts.get(hotkey)?.minerRao ?? 0n
    const minerRaoTotal = this.setup.minerGroups.flatMap(hotkeysOf).reduce((sum, h) => sum + earned(h), 0n)
    const validatorRaoTotal = this.setup.validators.reduce(
      (sum, v) => sum + (this.accounts.get(v.hotkey)?.validatorRao ?? 0n),
      0n,
    )
    const epochs = Math.max(0, ...Object.values(this.groupRaoSeries).map((s) => s.length))

    const unranked = this.setup.minerGroups.map((g) => {
      const hotkeys = hotkeysOf(g)
      const emissionRao = hotkeys.reduce((sum, h) => sum + earned(h), 0n)
      const burnRao = hotkeys.reduce((sum, h) => sum + burn(h), 0n)
      const costTao = costOver(g, epochs) * g.operators.length
      const net = tao(emissionRao - burnRao) - costTao
      return {
        name: g.name,
        profile: g.profile,
        description: g.description,
        miners: hotkeys.length,
        operators: g.operators.length,
        emissionShare: share(emissionRao, minerRaoTotal),
        emissionTao: round9(tao(emissionRao)),
        perHotkeyTao: round9(tao(emissionRao) / Math.max(1, hotkeys.length)),
        meanIncentive: round9(hotkeys.reduce((sum, h) => sum + mean(h, "incentive"), 0) / Math.max(1, hotkeys.length)),
        burnTao: round9(tao(burnRao)),
        costTao: round9(costTao),
        netProfitTao: round9(net),
        netPerOperatorTao: round9(net / Math.max(1, g.operators.length)),
      }
    })
    const order = unranked.map((p) => p.netPerOperatorTao).sort((a, b) => b - a)
    const profiles: Array<ProfileSummary> = unranked.map((p) => ({
      ...p,
      rank: order.indexOf(p.netPerOperatorTao) + 1,
    }))
    const operators = operatorSummaries(
      this.setup.minerGroups.map((g) => ({
        name: g.name,
        profile: g.profile,
        operators: g.operators,
        costTaoPerOperator: costOver(g, epochs),
      })),
      earned,
      burn,
    )

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
        description: v.description,
        burnTao: round9(tao(burn(v.hotkey))),
        costTao: round9(v.costTao),
        netProfitTao: round9(tao(dividendsRao - burn(v.hotkey)) - v.costTao),
      }
    })

    const miners: Array<MinerSummary> = this.setup.minerGroups.flatMap((g) =>
      g.operators.flatMap((o) =>
        o.hotkeys.map((hotkey) => ({
          hotkey,
          group: g.name,
          operator: o.name,
          meanIncentive: round9(mean(hotkey, "incentive")),
          emissionTao: round9(tao(earned(hotkey))),
        }))
      )
    )

    return {
      mechanism,
      profiles,
      operators,
      sybilAdvantage: sybilAdvantage(operators),
      validators,
      miners,
      totals: {
        ownerTao: round9(tao(this.totals.owner)),
        minersTao: round9(tao(this.totals.miners)),
        validatorsTao: round9(tao(this.totals.validators)),
      },
      series: {
        emissionShare: this.shareSeries,
        minerTao: Object.fromEntries(
          Object.entries(this.groupRaoSeries).map(([name, s]) => [name, s.map((rao) => round9(tao(rao)))]),
        ),
        netPerOperatorTao: this.netSeries(burn),
        dividendsTao: this.dividendSeries,
      },
      lastEpoch: this.lastEpoch(),
      refusedInReplay,
    }
  }

  /** Per group, one operator's net profit after each epoch: burns count from its join, costs epoch by epoch. */
  private netSeries(burn: (hotkey: string) => bigint): Record<string, Array<number>> {
    return Object.fromEntries(this.setup.minerGroups.map((g) => {
      const operators = Math.max(1, g.operators.length)
      const burnTao = tao(hotkeysOf(g).reduce((sum, h) => sum + burn(h), 0n))
      let earnedRao = 0n
      return [
        g.name,
        this.groupRaoSeries[g.name]!.map((rao, e) => {
          earnedRao += rao
          const paid = e >= g.fromEpoch ? burnTao : 0
          return round9((tao(earnedRao) - paid) / operators - costOver(g, e + 1))
        }),
      ]
    }))
  }

  private lastEpoch(): SimulationRun["lastEpoch"] {
    const snapshot = this.last
    const minerHotkeys = this.setup.minerGroups.flatMap(hotkeysOf)
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
