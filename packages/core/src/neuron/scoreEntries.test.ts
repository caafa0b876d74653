import { describe, expect, it } from "vitest"
import { ema, recentResults } from "../subnet/scoreboards.ts"
import { seededRandom } from "../subnet/seededRandom.ts"
import type { SamplerState } from "./Sampler.ts"
import { nextSample } from "./Sampler.ts"
import type { Entries } from "./scoreEntries.ts"
import { entriesToRecord, realignScores, recordResults, weightsByUid } from "./scoreEntries.ts"

const ok = (hotkey: string, reward: number) => ({ hotkey, reward, status: "ok" as const })

describe("scoreboard", () => {
  it("behavior: only sampled miners move; the others keep their score (no decay)", () => {
    const before = new Map([["a", 0.5], ["b", 0.5]])
    const scores = recordResults(before, [ok("a", 1)], ema({ alpha: 0.1 }))
    expect(entriesToRecord(scores)).toEqual({ a: 0.55, b: 0.5 })
    expect(entriesToRecord(before)).toEqual({ a: 0.5, b: 0.5 }) // a new map: the old state stays until the new one is saved
  })

  it("behavior: NaN and out-of-range rewards are clamped, never stored", () => {
    expect(
      entriesToRecord(recordResults(new Map(), [ok("a", Number.NaN), ok("b", 7), ok("c", -1)], ema({ alpha: 0.5 }))),
    ).toEqual({ a: 0, b: 0.5, c: 0 })
  })

  it("behavior: scores follow hotkeys: a replaced uid starts from 0, a shrunk subnet drops the rest", () => {
    const scores = new Map(Object.entries({ a: 0.9, b: 0.8, c: 0.7 }))
    expect(realignScores(scores, ["c", "b", "a"])).toBe(scores) // nobody left: the same entries
    const realigned = realignScores(scores, ["a", "new"])
    expect(entriesToRecord(realigned)).toEqual({ a: 0.9 })
    expect(weightsByUid(realigned, ["a", "new"], ema())).toEqual([0.9, 0])
  })

  it("behavior: a window scoreboard weighs only the last N results", () => {
    const board = recentResults({ size: 3 })
    let entries: Entries = new Map()
    for (const r of [1, 1, 1, 0, 0]) entries = recordResults(entries, [ok("a", r)], board)
    expect((entries.get("a") as Array<{ reward: number }>).map((x) => x.reward)).toEqual([1, 0, 0])
    expect(weightsByUid(entries, ["a"], board)[0]).toBeCloseTo(1 / 3)
  })

  it("error: an EMA factor outside (0, 1] or a window of no results is refused", () => {
    expect(() => ema({ alpha: 0 })).toThrow("ema: alpha must be in (0, 1], got 0")
    expect(() => recentResults({ size: 0 })).toThrow("recentResults: size must be an integer ≥ 1, got 0")
  })
})

describe("sampler", () => {
  it("property: every serving miner is queried within 2·⌈N/k⌉ steps", () => {
    for (const [n, k] of [[10, 3], [7, 7], [50, 8], [5, 1]] as const) {
      const serving = Array.from({ length: n }, (_, i) => i)
      const random = seededRandom(n * 100 + k)
      const lastSeen = new Map<number, number>(serving.map((u) => [u, -1]))
      let state: SamplerState = { order: [], cursor: 0 }
      const bound = 2 * Math.ceil(n / k)
      for (let step = 0; step < 200; step++) {
        const next = nextSample(state, serving, k, random)
        state = next.state
        expect(next.sample).toHaveLength(k)
        expect(new Set(next.sample).size).toBe(k)
        for (const u of next.sample) lastSeen.set(u, step)
        for (const u of serving) expect(step - lastSeen.get(u)!).toBeLessThan(bound)
      }
    }
  })

  it("behavior: uids that stopped serving are skipped", () => {
    const random = seededRandom(1)
    const first = nextSample({ order: [], cursor: 0 }, [1, 2, 3, 4], 2, random)
    const second = nextSample(first.state, [1, 2], 2, random)
    expect(second.sample.every((u) => u === 1 || u === 2)).toBe(true)
  })
})
