/**
 * How a miner's record becomes its reward: challenge success (Wilson lower bound, so a few lucky passes do not
 * count as a record), retrieval success, latency and the volume it holds. Pure.
 */

/** The Wilson score interval's lower bound of `successes` in `trials` at z (default 1.96, 95%); 0 for no trials. */
export function wilsonLowerBound(successes: number, trials: number, z = 1.96): number {
  if (trials <= 0) return 0
  const p = successes / trials
  const z2 = z * z
  const centre = p + z2 / (2 * trials)
  const spread = z * Math.sqrt((p * (1 - p) + z2 / (4 * trials)) / trials)
  return Math.max(0, (centre - spread) / (1 + z2 / trials))
}

export interface MinerRecordView {
  readonly challenges: number
  readonly passed: number
  readonly retrievals: number
  readonly retrieved: number
  /** EMA of answer latency, ms. */
  readonly latencyMs: number
}

export interface ScoreParts {
  readonly challenge: number
  readonly retrieval: number
  readonly latency: number
  readonly volume: number
  readonly score: number
}

/**
 * score = wilson(challenges) · (0.7 + 0.3·retrieval) · (0.8 + 0.2·latency) · (0.5 + 0.5·volume), where retrieval is
 * the retrieval success share (0.5 before the first retrieval), latency 1 / (1 + ms/1000) and volume the bytes the
 * miner holds over the most any miner holds. A miner holding nothing scores 0: it is paid for data it keeps.
 */
export function scoreMiner(record: MinerRecordView, storedBytes: number, mostStoredBytes: number): ScoreParts {
  const challenge = wilsonLowerBound(record.passed, record.challenges)
  const retrieval = record.retrievals === 0 ? 0.5 : record.retrieved / record.retrievals
  const latency = 1 / (1 + record.latencyMs / 1000)
  const volume = mostStoredBytes > 0 ? storedBytes / mostStoredBytes : 0
  const score = storedBytes === 0
    ? 0
    : challenge * (0.7 + 0.3 * retrieval) * (0.8 + 0.2 * latency) * (0.5 + 0.5 * volume)
  return { challenge, retrieval, latency, volume, score }
}
