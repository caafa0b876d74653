/**
 * Stake on the mock chain: a coldkey stakes free balance on its own hotkeys, per subnet, and unstakes it. Each function checks
 * before it changes anything, and throws the runtime-named `ChainError` when the call is refused.
 */
import { refuse } from "../ChainError.ts"
import type { AddStakeInput } from "../types.ts"
import type { ChainData, Mutable, SubnetData } from "./ChainData.ts"
import { own } from "./ChainData.ts"
import { registeredUid } from "./weightRules.ts"

/** What every stake call checks first: a registered hotkey owned by the coldkey, and a positive amount. */
function checkStakeCall(data: ChainData, subnet: SubnetData, input: AddStakeInput, what: string): void {
  registeredUid(subnet, input.hotkey)
  if (own(data.hotkeyOwner, input.hotkey) !== input.coldkey) {
    throw refuse("NonAssociatedColdKey", `hotkey ${input.hotkey} is not owned by ${input.coldkey}`)
  }
  if (input.amountRao <= 0n) throw refuse("InvalidArguments", `${what} amount must be positive, got ${input.amountRao}`)
}

/** `add_stake`: the coldkey's free balance into stake on its hotkey. */
export function add(data: Mutable<ChainData>, subnet: Mutable<SubnetData>, input: AddStakeInput): void {
  checkStakeCall(data, subnet, input, "stake")
  const free = own(data.balances, input.coldkey) ?? 0n
  if (free < input.amountRao) {
    throw refuse("NotEnoughBalanceToStake", `the stake costs ${input.amountRao} rao; ${input.coldkey} has ${free}`)
  }
  data.balances[input.coldkey] = free - input.amountRao
  subnet.stakeRao[input.hotkey] = (own(subnet.stakeRao, input.hotkey) ?? 0n) + input.amountRao
}

/** `remove_stake`: stake of the coldkey on its hotkey back to its free balance. */
export function remove(data: Mutable<ChainData>, subnet: Mutable<SubnetData>, input: AddStakeInput): void {
  checkStakeCall(data, subnet, input, "unstake")
  const staked = own(subnet.stakeRao, input.hotkey) ?? 0n
  if (staked < input.amountRao) {
    throw refuse("NotEnoughStakeToWithdraw", `${input.hotkey} has ${staked} rao staked, not ${input.amountRao}`)
  }
  subnet.stakeRao[input.hotkey] = staked - input.amountRao
  data.balances[input.coldkey] = (own(data.balances, input.coldkey) ?? 0n) + input.amountRao
}
