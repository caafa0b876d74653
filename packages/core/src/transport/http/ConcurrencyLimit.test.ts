import { describe, expect, it } from "vitest"
import { ConcurrencyLimit } from "./ConcurrencyLimit.ts"
import { RefusalBudget } from "./RateLimit.ts"

describe("ConcurrencyLimit", () => {
  it("behavior: waiting requests start highest stake first", async () => {
    const limit = new ConcurrencyLimit(1, 10)
    const release = (await limit.acquire(0n))!
    const order: Array<bigint> = []
    const waits = [5n, 50n, 1n].map((p) => limit.acquire(p).then((r) => (order.push(p), r!())))
    release()
    await Promise.all(waits)
    expect(order).toEqual([50n, 5n, 1n])
  })

  it("behavior: a full queue gives way to a higher stake (the lowest waiting one is turned away), not to a lower one", async () => {
    const limit = new ConcurrencyLimit(1, 2)
    const release = (await limit.acquire(0n))!
    const low = limit.acquire(1n)
    const mid = limit.acquire(2n)
    expect(await limit.acquire(0n)).toBeNull() // not above anyone waiting
    const high = limit.acquire(100n)
    expect(await low).toBeNull()
    release()
    expect(typeof (await high)).toBe("function")
    expect(limit.load).toEqual({ active: 1, queued: 1 })
    void mid
  })

  it("behavior: a request that waited past its deadline is turned away and leaves the queue", async () => {
    const limit = new ConcurrencyLimit(1, 10)
    await limit.acquire(0n)
    expect(await limit.acquire(9n, 20)).toBeNull()
    expect(limit.load).toEqual({ active: 1, queued: 0 })
  })
})

describe("RefusalBudget", () => {
  it("behavior: a key runs out after its burst and refills at its rate; other keys are unaffected", () => {
    const budget = new RefusalBudget(10, 3)
    for (let i = 0; i < 3; i++) {
      expect(budget.has("a", 0)).toBe(true)
      budget.spend("a", 0)
    }
    expect(budget.has("a", 0)).toBe(false)
    expect(budget.has("b", 0)).toBe(true)
    expect(budget.has("a", 99)).toBe(false) // 0.99 of a token
    expect(budget.has("a", 100)).toBe(true)
  })

  it("behavior: the map of keys stays bounded", () => {
    const budget = new RefusalBudget(1, 1, 100)
    for (let i = 0; i < 1_000; i++) budget.spend(`k${i}`, 0)
    expect(budget.has("k999", 0)).toBe(false) // the latest keys are kept
    expect(budget.has("k0", 0)).toBe(true) // the oldest were forgotten (and start full)
  })
})
