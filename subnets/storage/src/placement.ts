/**
 * Where new replicas go: serving miners not already holding the chunk, not failing and not recently full, preferred
 * by incentive against the load they already carry (a miner with twice the average incentive takes about three
 * times the replicas), and spread over distinct coldkeys first, so one operator's hotkeys do not hold every copy.
 */
import type { RoundContext } from "@subnetkit/core"
import { merkleRoot } from "./merkle.ts"
import type { StorageKinds } from "./miner.ts"
import { seal } from "./sealing.ts"
import type { Replica, StorageState } from "./state.ts"
import { minerRecord } from "./state.ts"

/** What a validator's round sees. */
export type Ctx = RoundContext<StorageKinds, StorageState>

export interface Candidate {
  readonly hotkey: string
  readonly coldkey: string
  /** Incentive (I), in [0, 1]. */
  readonly incentive: number
  /** Replicas it holds now. */
  readonly load: number
  readonly uid: number
}

/** Up to `count` holders from `candidates`, none in `exclude`, distinct coldkeys first (also distinct from `takenColdkeys`). */
export function chooseHolders(
  candidates: ReadonlyArray<Candidate>,
  count: number,
  exclude: ReadonlySet<string>,
  takenColdkeys: ReadonlySet<string> = new Set(),
): Array<Candidate> {
  const n = Math.max(1, candidates.length)
  const ranked = candidates
    .filter((c) => !exclude.has(c.hotkey))
    .map((c) => ({ c, cost: c.load / (1 + n * c.incentive) }))
    .sort((a, b) => a.cost - b.cost || a.c.uid - b.c.uid)
    .map((r) => r.c)
  const chosen: Array<Candidate> = []
  const coldkeys = new Set(takenColdkeys)
  for (const c of ranked) {
    if (chosen.length === count) break
    if (!coldkeys.has(c.coldkey)) {
      chosen.push(c)
      coldkeys.add(c.coldkey)
    }
  }
  for (const c of ranked) {
    if (chosen.length === count) break
    if (!chosen.includes(c)) chosen.push(c)
  }
  return chosen
}

/** Steps a miner that refused a store (full) gets no new replicas. */
const REFUSED_COOLDOWN_STEPS = 20

/** Plaintexts of chunks this round has read, by `fileId/chunk`; and replicas it sealed, by `fileId/chunk/hotkey`. */
export type Plaintexts = Map<string, Buffer> & { readonly sealed?: Map<string, Buffer> }

export const sealedCache = (
  plain: Plaintexts,
): Map<string, Buffer> => ((plain as { sealed?: Map<string, Buffer> }).sealed ??= new Map())

/** Serving miners that may take new replicas, with their current load. */
export function candidates(ctx: Ctx, state: StorageState): Array<Candidate> {
  const load = new Map<string, number>()
  for (const f of state.files) {
    for (const c of f.chunks) for (const r of c.replicas) load.set(r.hotkey, (load.get(r.hotkey) ?? 0) + 1)
  }
  return ctx.serving.flatMap((uid) => {
    const hotkey = ctx.metagraph.hotkeys[uid]!
    const rec = minerRecord(state, hotkey)
    if (
      rec.unreachableSince !== null || (rec.refusedAt !== null && ctx.step - rec.refusedAt < REFUSED_COOLDOWN_STEPS)
    ) return []
    // A miner failing most of its challenges gets no new data (it would only be repaired away again).
    if (rec.challenges >= 3 && rec.passed < rec.challenges / 2) return []
    return [{
      hotkey,
      coldkey: ctx.metagraph.coldkeys[uid] ?? hotkey,
      incentive: ctx.metagraph.I[uid] ?? 0,
      load: load.get(hotkey) ?? 0,
      uid,
    }]
  })
}

/** Replicas for `chunk` of `fileId` on `holders`, each with the root of its own sealed bytes. */
export const replicasFor = (
  plain: Plaintexts,
  secret: string,
  fileId: string,
  index: number,
  bytes: Uint8Array,
  holders: ReadonlyArray<Candidate>,
): Array<Replica> =>
  holders.map((h) => {
    const sealed = seal(secret, fileId, index, h.hotkey, bytes)
    sealedCache(plain).set(`${fileId}/${index}/${h.hotkey}`, sealed) // sent by placePending in this round
    return { hotkey: h.hotkey, root: merkleRoot(sealed), status: "pending", failures: 0 }
  })
