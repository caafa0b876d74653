import type { SeededRandom } from "./contexts.ts"

/** A small seeded generator (mulberry32): the same seed gives the same tasks on every machine. */
export function seededRandom(seed: number): SeededRandom {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (max) => Math.floor(next() * max) }
}

/** A seed for step `step` of a run seeded with `seed`, so a restarted validator draws what it would have. */
export const stepSeed = (seed: number, step: number): number => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + step) >>> 0
