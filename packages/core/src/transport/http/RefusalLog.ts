/**
 * Refusals are counted, not logged one by one: a flood of bad requests would otherwise become a flood of log lines
 * (issue 16 measured 173 MB). Every `intervalMs` one line reports the counts per refusal reason and per status,
 * with the first detail of each reason as an example; nothing is written for a quiet interval.
 */

export interface RefusalLog {
  readonly count: (error: string, status: number, detail: string, caller: string | null) => void
  /** Writes the pending counts now (also on close). */
  readonly flush: () => void
  readonly close: () => void
}

export function refusalLog(options: {
  readonly now: () => number
  readonly intervalMs: number
  readonly hotkey: string
  readonly write: (line: Record<string, unknown>) => void
}): RefusalLog {
  let counts = new Map<string, { status: number; n: number; example: string; caller: string | null }>()
  let since = options.now()
  const flush = () => {
    if (counts.size === 0) return
    const now = options.now()
    const byReason: Record<string, { status: number; count: number; example: string; caller: string | null }> = {}
    let total = 0
    for (const [error, c] of counts) {
      byReason[error] = { status: c.status, count: c.n, example: c.example, caller: c.caller }
      total += c.n
    }
    options.write({
      level: "warn",
      event: "axon.refusals",
      hotkey: options.hotkey,
      intervalMs: now - since,
      total,
      byReason,
    })
    counts = new Map()
    since = now
  }
  const timer = setInterval(flush, options.intervalMs)
  timer.unref()
  return {
    count: (error, status, detail, caller) => {
      const c = counts.get(error)
      if (c === undefined) counts.set(error, { status, n: 1, example: detail.slice(0, 200), caller })
      else c.n++
    },
    flush,
    close: () => {
      clearInterval(timer)
      flush()
    },
  }
}
