import { fromNumber } from "../fixed/fixed.ts"
import { InvalidInput } from "../input/InvalidInput.ts"
import type { Mechanism } from "../Mechanism.ts"
import { normalize } from "../yuma/csr.ts"
import { alternativeMechanism } from "./alternativeEpoch.ts"

/**
 * Incentive ∝ exp(support_j / (max support · temperature)) over miners with any support.
 *
 * Rewards: rank, with a sharpness set by `temperature`: near 0 it becomes winner-take-all, large values pay every
 * supported miner almost equally.
 * Open to: at high temperature, lazy miners that get any weight at all earn nearly as much as the best, so sybils
 * and low-effort hotkeys profit; at low temperature, the winner-take-all attacks apply.
 * @throws {InvalidInput} when temperature is not a positive finite number.
 */
export function softmax(temperature = 0.1): Mechanism {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new InvalidInput("softmax.temperature", `expected a positive number, got ${temperature}`)
  }
  return alternativeMechanism(`softmax`, `softmax of support at temperature ${temperature}`, (support) => {
    const best = Math.max(0, ...support)
    if (best === 0) return support.map(() => 0)
    // Shifted by the maximum so exp never overflows; the float result is only an input to exact normalisation.
    const scores = support.map((s) => (s > 0 ? Math.exp((s - best) / best / temperature) : 0))
    const total = scores.reduce((a, b) => a + b, 0)
    return normalize(scores.map((x) => fromNumber(x / total)))
  })
}
