/**
 * At most `max` handlers at once; the rest wait in a queue served highest priority (stake) first. When the queue is
 * full, a request of higher priority than the lowest one waiting takes its place (that one is turned away), so a
 * known validator is never starved by lower-stake traffic; a request that waited past `maxWaitMs` is turned away
 * too, since its caller has stopped waiting. Turned away = the promise resolves with null (the caller answers 503).
 */
interface Waiting {
  readonly priority: bigint
  readonly start: (release: (() => void) | null) => void
  timer: NodeJS.Timeout | undefined
}

export class ConcurrencyLimit {
  private active = 0
  private readonly queue: Array<Waiting> = []

  constructor(private readonly max: number, private readonly maxQueued: number) {}

  /** Resolves with a release function once a slot is free, or with null when turned away. */
  acquire(priority: bigint, maxWaitMs = Infinity): Promise<(() => void) | null> {
    if (this.active < this.max) {
      this.active++
      return Promise.resolve(this.release())
    }
    if (this.queue.length >= this.maxQueued) {
      const lowest = this.queue[this.queue.length - 1]
      if (lowest === undefined || lowest.priority >= priority) return Promise.resolve(null)
      this.queue.pop()
      clearTimeout(lowest.timer)
      lowest.start(null)
    }
    return new Promise((resolve) => {
      const entry: Waiting = { priority, start: resolve, timer: undefined }
      if (Number.isFinite(maxWaitMs)) {
        entry.timer = setTimeout(() => {
          const at = this.queue.indexOf(entry)
          if (at >= 0) this.queue.splice(at, 1)
          resolve(null)
        }, maxWaitMs)
      }
      const at = this.queue.findIndex((q) => q.priority < priority)
      this.queue.splice(at < 0 ? this.queue.length : at, 0, entry)
    })
  }

  /** Handlers running and requests waiting (for tests and metrics). */
  get load(): { readonly active: number; readonly queued: number } {
    return { active: this.active, queued: this.queue.length }
  }

  private release(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.queue.shift()
      if (next) {
        clearTimeout(next.timer)
        next.start(this.release())
      } else {
        this.active--
      }
    }
  }
}
