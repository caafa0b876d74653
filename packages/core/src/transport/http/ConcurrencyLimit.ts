/**
 * At most `max` handlers at once; the rest wait in a queue served highest priority (stake) first, and past
 * `maxQueued` waiting requests a new one is turned away (the caller answers 503).
 */
export class ConcurrencyLimit {
  private active = 0
  private readonly queue: Array<{ readonly priority: bigint; readonly start: () => void }> = []

  constructor(private readonly max: number, private readonly maxQueued: number) {}

  /** Resolves with a release function once a slot is free, or with null when the queue is full. */
  acquire(priority: bigint): Promise<(() => void) | null> {
    if (this.active < this.max) {
      this.active++
      return Promise.resolve(this.release())
    }
    if (this.queue.length >= this.maxQueued) return Promise.resolve(null)
    return new Promise((resolve) => {
      const entry = { priority, start: () => resolve(this.release()) }
      const at = this.queue.findIndex((q) => q.priority < priority)
      this.queue.splice(at < 0 ? this.queue.length : at, 0, entry)
    })
  }

  private release(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.queue.shift()
      if (next) next.start()
      else this.active--
    }
  }
}
