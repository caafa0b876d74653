/** The miner's memo of greedy answers: one generation per task, never a cut-short answer for another request. */
import { describe, expect, it } from "vitest"
import { AnswerMemo } from "./answerMemo.ts"

/** A generation that ends when `finish` is called, counting how many were started. */
function generations() {
  const finishers: Array<(value: string) => void> = []
  return {
    started: () => finishers.length,
    make: () => new Promise<string>((resolve) => void finishers.push(resolve)),
    finish: (i: number, value: string) => finishers[i]!(value),
  }
}
const live = () => new AbortController().signal

describe("AnswerMemo", () => {
  it("behavior: concurrent requests for one key share one generation; later ones get it without generating", async () => {
    const memo = new AnswerMemo<string>(8)
    const g = generations()
    const first = memo.get("k", live(), g.make)
    const second = memo.get("k", live(), g.make)
    await Promise.resolve()
    expect(g.started()).toBe(1)
    g.finish(0, "answer")
    expect(await Promise.all([first, second])).toEqual(["answer", "answer"])
    expect(await memo.get("k", live(), g.make)).toBe("answer")
    expect(g.started()).toBe(1)
    const other = memo.get("other", live(), g.make)
    await Promise.resolve()
    expect(g.started()).toBe(2)
    g.finish(1, "another")
    expect(await other).toBe("another")
  })

  it("behavior: an answer cut short by its request's deadline goes to that request only; the waiting one generates its own", async () => {
    const memo = new AnswerMemo<string>(8)
    const g = generations()
    const deadline = new AbortController()
    const cut = memo.get("k", deadline.signal, g.make)
    const waiting = memo.get("k", live(), g.make)
    deadline.abort()
    g.finish(0, "partial")
    expect(await cut).toBe("partial")
    await new Promise((resolve) => setImmediate(resolve))
    expect(g.started()).toBe(2)
    g.finish(1, "full")
    expect(await waiting).toBe("full")
    expect(await memo.get("k", live(), g.make)).toBe("full")
    expect(g.started()).toBe(2)
  })

  it("behavior: a failed generation is not kept, and the oldest answer is dropped past the capacity", async () => {
    const memo = new AnswerMemo<string>(2)
    let calls = 0
    await expect(memo.get("k", live(), () => Promise.reject(new Error("model crashed")))).rejects.toThrow(
      "model crashed",
    )
    expect(await memo.get("k", live(), async () => `made ${++calls}`)).toBe("made 1")
    await memo.get("b", live(), async () => `made ${++calls}`)
    await memo.get("c", live(), async () => `made ${++calls}`)
    expect(await memo.get("k", live(), async () => `made ${++calls}`)).toBe("made 4") // "k" was the oldest: evicted
    expect(await memo.get("c", live(), async () => `made ${++calls}`)).toBe("made 3")
  })
})
