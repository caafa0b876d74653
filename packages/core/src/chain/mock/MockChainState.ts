/**
 * The mock chain as a synchronous, deterministic state machine: accounts, subnets, registration with a burn that
 * decays per block and rises per registration, immunity and pruning, stake, axons, weights with the runtime's rules,
 * hash commit-reveal, and per-block emission that epochs pay out. Every refused call throws a runtime-named
 * `ChainError` before touching state, so a refusal changes nothing. `MockChain.ts` serves it as the `Chain` service.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { isIP } from "node:net"
import type { StateMethods } from "../ChainCall.ts"
import type { AllCalls } from "../chainCalls.ts"
import { refuse } from "../ChainError.ts"
import type { Hyperparameters } from "../Hyperparameters.ts"
import { defaultHyperparameters } from "../Hyperparameters.ts"
import type {
  AddStakeInput,
  CommitWeightsInput,
  RegisterInput,
  RevealWeightsInput,
  ServeAxonInput,
  SetWeightsInput,
  SnapshotDetail,
  SubnetSnapshot,
} from "../types.ts"
import type { ChainData, GenesisOptions, Mutable, SubnetData } from "./ChainData.ts"
import { genesisData, own } from "./ChainData.ts"
import { commitsAfterCommit, commitsAfterReveal } from "./commitReveal.ts"
import { checkedHyperparameters, mechanismFor } from "./mechanisms.ts"
import { produceBlocks } from "./produceBlocks.ts"
import { neuronToPrune, newNeuron, newSubnet, raisedBurn, replaceNeuron } from "./registration.ts"
import type { EpochPayout } from "./runEpoch.ts"
import { snapshotOf } from "./snapshot.ts"
import * as stake from "./stake.ts"
import { checkWeights, registeredUid, uidOf } from "./weightRules.ts"

/** Runs the state's entry point `name` with `params` (the call by name, as the mock chain, localnet and replay do). */
export const runCall = (
  state: MockChainState,
  name: keyof StateMethods<AllCalls>,
  params: ReadonlyArray<unknown>,
): unknown => Reflect.apply(state[name], state, params)

/**
 * The state machine. Its entry points are the table's calls (`chainCalls.ts`), one method each with the call's name
 * and parameters (`StateMethods`), so the mock chain, the localnet and the simulation's replay run them by name.
 */
export class MockChainState implements StateMethods<AllCalls> {
  /** Takes `data` as its own (callers pass a copy). */
  protected constructor(
    private readonly data: Mutable<ChainData>,
    /** Custom mechanisms by name, for subnets whose `mechanism` is not a built-in one. */
    private readonly mechanisms: Readonly<Record<string, Mechanism>>,
    /** The mechanism of a subnet created without naming one. */
    private readonly defaultMechanism = "yuma",
  ) {}

  static genesis(
    options: GenesisOptions = {},
    mechanisms: Readonly<Record<string, Mechanism>> = {},
    defaultMechanism?: string,
  ): MockChainState {
    return new MockChainState(genesisData(options) as Mutable<ChainData>, mechanisms, defaultMechanism)
  }

  static fromData(
    data: ChainData,
    mechanisms: Readonly<Record<string, Mechanism>> = {},
    defaultMechanism?: string,
  ): MockChainState {
    return new MockChainState(structuredClone(data) as Mutable<ChainData>, mechanisms, defaultMechanism)
  }

  /** A deep copy of the whole state (for snapshots and for comparing before/after a refused call). */
  toData(): ChainData {
    return structuredClone(this.data)
  }

  get block(): number {
    return this.data.block
  }

  currentBlock(): number {
    return this.data.block
  }

  balance(coldkey: string): bigint {
    return own(this.data.balances, coldkey) ?? 0n
  }

  /** Mock-only faucet: credits free balance (and issuance, as minted TAO). */
  fund(coldkey: string, rao: bigint): void {
    if (rao < 0n) throw refuse("InvalidArguments", `cannot fund a negative amount (${rao})`)
    this.data.balances[coldkey] = this.balance(coldkey) + rao
    this.data.issuanceRao += rao
  }

  /** Creates a subnet owned by `coldkey`, locking the subnet cost; the owner hotkey becomes uid 0. */
  createSubnet(
    input: { coldkey: string; hotkey: string; hyperparameters?: Partial<Hyperparameters>; mechanism?: string },
  ): number {
    const hyperparameters = checkedHyperparameters({ ...defaultHyperparameters, ...input.hyperparameters })
    const mechanism = input.mechanism ?? this.defaultMechanism
    mechanismFor(mechanism, hyperparameters, this.mechanisms)
    this.claimHotkey(input.coldkey, input.hotkey)
    this.debit(input.coldkey, this.data.subnetLockRao, "the subnet lock")
    const netuid = this.data.subnets.length + 1 // netuid 0 is root on a real chain
    this.data.hotkeyOwner[input.hotkey] = input.coldkey
    this.data.subnets.push(newSubnet({ netuid, ...input, hyperparameters, mechanism }, this.block))
    return netuid
  }

  hyperparameters(netuid: number): Hyperparameters {
    return this.subnet(netuid).hyperparameters
  }

  /** Owner-only: changes hyperparameters after checking every field. */
  setHyperparameters(netuid: number, coldkey: string, patch: Partial<Hyperparameters>): void {
    const subnet = this.subnet(netuid)
    if (subnet.ownerColdkey !== coldkey) throw refuse("NotSubnetOwner", `${coldkey} does not own subnet ${netuid}`)
    const next = checkedHyperparameters({ ...subnet.hyperparameters, ...patch })
    mechanismFor(subnet.mechanism, next, this.mechanisms)
    subnet.hyperparameters = next
  }

  /** The current registration burn (rao). */
  registrationCost(netuid: number): bigint {
    return this.subnet(netuid).burnRao
  }

  /** `burned_register`: pays the burn from `coldkey` and gives `hotkey` a uid (a new one, or the pruned one's). */
  burnedRegister(input: RegisterInput): number {
    const subnet = this.subnet(input.netuid)
    const h = subnet.hyperparameters
    if (!h.registrationAllowed) {
      throw refuse("SubNetRegistrationDisabled", `registration is disabled on subnet ${input.netuid}`)
    }
    if (subnet.registrationsThisBlock >= h.maxRegistrationsPerBlock) {
      throw refuse(
        "TooManyRegistrationsThisBlock",
        `subnet ${input.netuid} takes ${h.maxRegistrationsPerBlock} registration(s) per block; retry next block`,
      )
    }
    if (uidOf(subnet, input.hotkey) >= 0) {
      throw refuse(
        "HotKeyAlreadyRegisteredInSubNet",
        `hotkey ${input.hotkey} already has uid ${uidOf(subnet, input.hotkey)} on subnet ${input.netuid}`,
      )
    }
    const cost = subnet.burnRao
    if (this.balance(input.coldkey) < cost) {
      throw refuse(
        "NotEnoughBalanceToStake",
        `registration costs ${cost} rao; ${input.coldkey} has ${this.balance(input.coldkey)}`,
      )
    }
    this.claimHotkey(input.coldkey, input.hotkey)
    const full = subnet.neurons.length >= h.maxAllowedUids
    const pruned = full ? neuronToPrune(subnet, this.block) : null
    if (full && pruned === null) {
      throw refuse("NoNeuronIdAvailable", `subnet ${input.netuid} is full and every uid is immune`)
    }
    // Checks done: mutate.
    this.debit(input.coldkey, cost, "the registration burn")
    this.data.issuanceRao -= cost // burned (recycled)
    this.data.hotkeyOwner[input.hotkey] = input.coldkey
    subnet.burnRao = raisedBurn(cost, h)
    subnet.registrationsThisBlock += 1
    const fresh = newNeuron(input.hotkey, input.coldkey, this.block)
    if (pruned === null) {
      subnet.neurons.push(fresh)
      return subnet.neurons.length - 1
    }
    replaceNeuron(subnet, pruned, fresh)
    return pruned
  }

  /** Moves free balance of `coldkey` into stake on its `hotkey`. */
  addStake(input: AddStakeInput): void {
    stake.add(this.data, this.subnet(input.netuid), input)
  }

  /** `remove_stake`: stake of `coldkey` on its `hotkey` back to its free balance. */
  removeStake(input: AddStakeInput): void {
    stake.remove(this.data, this.subnet(input.netuid), input)
  }

  /** `serve_axon`: announces where the hotkey's miner listens. */
  serveAxon(input: ServeAxonInput): void {
    const subnet = this.subnet(input.netuid)
    const uid = registeredUid(subnet, input.hotkey)
    if (isIP(input.ip) === 0) throw refuse("InvalidIpAddress", `"${input.ip}" is not an IPv4 or IPv6 address`)
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
      throw refuse("InvalidPort", `port ${input.port} is not in 1..65535`)
    }
    subnet.neurons[uid]!.axon = {
      ip: input.ip,
      port: input.port,
      protocol: input.protocol ?? 4,
      version: input.version ?? 0,
    }
  }

  /** `set_weights`, refused while commit-reveal is on (use commit + reveal). */
  setWeights(input: SetWeightsInput): void {
    const subnet = this.subnet(input.netuid)
    if (subnet.hyperparameters.commitRevealEnabled) {
      throw refuse(
        "CommitRevealEnabled",
        `subnet ${input.netuid} uses commit-reveal: commitWeights now, revealWeights one epoch later`,
      )
    }
    const row = checkWeights(subnet, input, this.block, true)
    const neuron = subnet.neurons[uidOf(subnet, input.hotkey)]!
    neuron.weights = row
    neuron.lastUpdate = this.block
  }

  /** `commit_weights` (hash commit-reveal). */
  commitWeights(input: CommitWeightsInput): void {
    const subnet = this.subnet(input.netuid)
    const { uid, commits } = commitsAfterCommit(subnet, input, this.block)
    subnet.commits[input.hotkey] = commits
    subnet.neurons[uid]!.lastUpdate = this.block
  }

  /** `reveal_weights`: must match a live commit and come exactly `revealPeriodEpochs` after it. */
  revealWeights(input: RevealWeightsInput): void {
    const subnet = this.subnet(input.netuid)
    const commits = commitsAfterReveal(subnet, input, this.block)
    const row = checkWeights(subnet, input, this.block, false)
    subnet.commits[input.hotkey] = commits
    subnet.neurons[uidOf(subnet, input.hotkey)]!.weights = row
  }

  /** The subnet's state now; `"light"` leaves weights and bonds out. */
  subnetState(netuid: number, detail: SnapshotDetail = "full"): SubnetSnapshot {
    return snapshotOf(this.subnet(netuid), this.block, detail)
  }

  /** `subnetState` under the name the localnet command uses. */
  snapshot(netuid: number, detail: SnapshotDetail = "full"): SubnetSnapshot {
    return this.subnetState(netuid, detail)
  }

  /** The netuids that exist. */
  netuids(): Array<number> {
    return this.data.subnets.map((s) => s.netuid)
  }

  /** Produces `blocks` blocks (see `produceBlocks.ts`); returns the epochs' payouts. */
  advance(blocks = 1): Array<EpochPayout> {
    return produceBlocks(
      this.data,
      blocks,
      (subnet) => mechanismFor(subnet.mechanism, subnet.hyperparameters, this.mechanisms),
    )
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private subnet(netuid: number): Mutable<SubnetData> {
    const subnet = this.data.subnets.find((s) => s.netuid === netuid)
    if (subnet === undefined) {
      throw refuse(
        "SubnetNotExists",
        `subnet ${netuid} does not exist (subnets: ${this.netuids().join(", ") || "none"})`,
      )
    }
    return subnet
  }

  /** A hotkey belongs to the first coldkey that uses it. */
  private claimHotkey(coldkey: string, hotkey: string): void {
    const owner = own(this.data.hotkeyOwner, hotkey)
    if (owner !== undefined && owner !== coldkey) {
      throw refuse("NonAssociatedColdKey", `hotkey ${hotkey} belongs to coldkey ${owner}, not ${coldkey}`)
    }
  }

  private debit(coldkey: string, rao: bigint, what: string): void {
    if (this.balance(coldkey) < rao) {
      throw refuse("NotEnoughBalanceToStake", `${what} costs ${rao} rao; ${coldkey} has ${this.balance(coldkey)}`)
    }
    this.data.balances[coldkey] = this.balance(coldkey) - rao
  }
}
