/**
 * Token buckets per key (caller hotkey or IP) for refusals: each refusal takes a token; a key without tokens gets
 * the cheapest answer there is (a constant 429, or a closed WebSocket) until it refills. The map is bounded: when
 * full, the stalest buckets are dropped (a forgotten key starts full, which only lets it be refused normally again).
 */
export class RefusalBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(private readonly perSecond: number, private readonly burst: number, private readonly maxKeys = 50_000) {}

  /** Whether `key` still has refusals left at `now` (ms), without spending one. */
  has(key: string, now: number): boolean {
    const b = this.buckets.get(key)
    return b === undefined || this.refill(b, now) >= 1
  }

  /** Spends one refusal of `key`. */
  spend(key: string, now: number): void {
    let b = this.buckets.get(key)
    if (b === undefined) {
      if (this.buckets.size >= this.maxKeys) this.evict()
      b = { tokens: this.burst, at: now }
      this.buckets.set(key, b)
    } else {
      this.refill(b, now)
      this.buckets.delete(key) // re-inserted last: the map's order is least recently refused first
      this.buckets.set(key, b)
    }
    b.tokens = Math.max(0, b.tokens - 1)
  }

  private refill(b: { tokens: number; at: number }, now: number): number {
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond)
    b.at = now
    return b.tokens
  }

  private evict(): void {
    let drop = Math.ceil(this.maxKeys / 10)
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break
      this.buckets.delete(key)
    }
  }
}
