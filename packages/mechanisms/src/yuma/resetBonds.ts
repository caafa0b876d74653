import type { SparseRowU16 } from "../Mechanism.ts"
import { rowPairs } from "../Mechanism.ts"

/**
 * `do_reset_bonds`: with `BondsResetOn`, when a neuron publishes a metadata commitment every validator's bond to
 * its uid is removed (yuma-spec §5.3). Returns new rows; other entries keep their order.
 */
export function resetBonds(bonds: ReadonlyArray<SparseRowU16>, uid: number): Array<Array<[number, number]>> {
  return bonds.map((row) => rowPairs(row).filter(([j]) => j !== uid))
}
