/**
 * Which miners a validator queries each step: walk a seeded shuffle of the serving uids `size` at a time, and
 * reshuffle after each full pass. Every serving miner is queried at least once every 2·⌈N/size⌉ steps, however the
 * random draws fall (the template's uniform draws give no such bound).
 */
import type { SeededRandom } from "../subnet/contexts.ts"

export interface SamplerState {
  readonly order: ReadonlyArray<number>
  readonly cursor: number
}

export const emptySampler: SamplerState = { order: [], cursor: 0 }

export function nextSample(
  state: SamplerState,
  serving: ReadonlyArray<number>,
  size: number,
  random: SeededRandom,
): { sample: Array<number>; state: SamplerState } {
  const live = new Set(serving)
  const sample: Array<number> = []
  let { order, cursor } = state
  let reshuffles = 0
  while (sample.length < Math.min(size, live.size) && reshuffles < 2) {
    if (cursor >= order.length) {
      order = shuffle(serving, random)
      cursor = 0
      reshuffles++
    }
    const uid = order[cursor++]!
    if (live.has(uid) && !sample.includes(uid)) sample.push(uid)
  }
  return { sample, state: { order, cursor } }
}

/** A seeded Fisher–Yates shuffle. */
export function shuffle(xs: ReadonlyArray<number>, random: SeededRandom): Array<number> {
  const out = xs.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}
