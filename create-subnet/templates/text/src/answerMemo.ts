/**
 * Greedy generation is a function of the model, the prompt and the settings, so a miner asked the same greedy task
 * again answers from memory. In `subnet simulate` every hotkey a validator samples in a round gets the same task and
 * all share one process: without this each would run the model for the same answer (most of the simulation's time).
 * Concurrent requests for the same task wait for the one generation. An answer cut short by its request's deadline is
 * not kept: a request that waited for it generates its own.
 */
export class AnswerMemo<A> {
  private readonly entries = new Map<string, Promise<{ readonly value: A; readonly complete: boolean }>>()

  constructor(private readonly capacity: number) {}

  /** `make`'s answer for `key`, or the one it gave before; `signal` is the request's deadline that `make` obeys. */
  async get(key: string, signal: AbortSignal, make: () => Promise<A>): Promise<A> {
    const earlier = this.entries.get(key)
    if (earlier !== undefined) {
      const done = await earlier.catch(() => undefined)
      if (done?.complete === true) return done.value
    }
    const entry = make().then((value) => ({ value, complete: !signal.aborted }))
    this.entries.delete(key) // re-inserted last: the oldest entry is the first one evicted
    this.entries.set(key, entry)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
    const forget = () => void (this.entries.get(key) === entry && this.entries.delete(key))
    entry.then((done) => done.complete || forget(), forget)
    return (await entry).value
  }
}
