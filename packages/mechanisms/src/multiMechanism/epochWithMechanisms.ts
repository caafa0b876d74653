import type { Mechanism } from "../Mechanism.ts"
import { aggregateTerms } from "./aggregateTerms.ts"
import { mechanismEmissions, mechanismWeightBits } from "./mechanismEmissions.ts"
import type { SubnetEpochInput, SubnetEpochOutput } from "./SubnetEpoch.ts"
import { validateSubnetEpochInput } from "./validateSubnetEpochInput.ts"

/**
 * The epoch of a subnet with several incentive mechanisms, as the runtime runs it (`epoch_with_mechanisms`,
 * `pallets/subtensor/src/subnets/mechanism.rs`): the emission is split between the mechanisms (`split_emissions`),
 * `mechanism` runs once per mechanism on that mechanism's weights, bonds, last updates and commits and the subnet's
 * shared stake, registrations and permits, on its share; then the outputs are folded into the subnet's terms.
 * With `yuma(config)` every number is the runtime's, bit for bit. One mechanism with no split gives
 * `mechanisms[0]` = `mechanism.epoch` of the same input, and the same terms in `aggregated`.
 * Zero emission: every mechanism pays 0, mechanism 0 weighs 1 and the others 0 in the fold.
 *
 * @example
 * ```ts
 * import { epochWithMechanisms, yuma3 } from "@subnetkit/mechanisms"
 * const out = epochWithMechanisms(yuma3(), { ...subnet, emissionSplit: [45875, 19660], mechanisms: [answers, speed] })
 * out.split                        // rao per mechanism: 70% and 30%, the rounding to mechanism 0
 * out.mechanisms[1].bonds          // what the chain stores for mechanism 1
 * out.aggregated.serverEmission    // what each uid's miner is paid, summed over the mechanisms
 * ```
 * @throws {InvalidInput} for a malformed input (the error names the field: `mechanisms[1].weights[3][0][0]`).
 */
export function epochWithMechanisms(mechanism: Mechanism, input: SubnetEpochInput): SubnetEpochOutput {
  const { mechanisms, emissionSplit, ...subnet } = validateSubnetEpochInput(input)
  const split = mechanismEmissions(subnet.raoEmission, emissionSplit, mechanisms.length)
  const outputs = mechanisms.map((own, k) => mechanism.epoch({ ...subnet, ...own, raoEmission: split[k]! }))
  const weightBits = split.map((rao, k) => mechanismWeightBits(rao, subnet.raoEmission, k))
  return { split, weightBits, mechanisms: outputs, aggregated: aggregateTerms(outputs, weightBits) }
}
