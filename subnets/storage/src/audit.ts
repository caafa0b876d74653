/**
 * The validator's audit of the sampled miners: each answers a seeded Merkle challenge on one random replica it holds,
 * one challenged replica is retrieved whole and checked (root, decryption, sha256), and the records these give are the
 * miners' rewards (`scoreMiner`). Outcomes are saved to the index before the rewards are returned.
 */
import type { RoundReward } from "@subnetkit/core"
import { Effect } from "effect"
import { randomBytes } from "node:crypto"
import { CHALLENGE_LEAVES, verifyChallenge } from "./challenge.ts"
import { sha256Hex } from "./files.ts"
import { merkleRoot } from "./merkle.ts"
import type { Ctx } from "./placement.ts"
import { scoreMiner } from "./scoring.ts"
import { open, TAG_BYTES } from "./sealing.ts"
import type { Chunk, Replica, StorageState, StoredFile } from "./state.ts"
import { contacted, mapReplicas, minerRecord, replicaId, withRecord } from "./state.ts"

/** Bytes of stored replicas per holder. */
function storedBytes(state: StorageState): Map<string, number> {
  const out = new Map<string, number>()
  for (const f of state.files) {
    for (const c of f.chunks) {
      for (const r of c.replicas) {
        if (r.status === "stored") out.set(r.hotkey, (out.get(r.hotkey) ?? 0) + c.size + TAG_BYTES)
      }
    }
  }
  return out
}

/** Challenges each sampled holder on one random replica, retrieves one whole replica, and rewards the sample. */
export const audit = Effect.fn("StorageRound.audit")(function*(ctx: Ctx) {
  const sample = ctx.sample()
  const held = new Map<string, Array<{ file: StoredFile; chunk: Chunk; replica: Replica }>>()
  for (const file of ctx.state.get().files) {
    for (const chunk of file.chunks) {
      for (const replica of chunk.replicas) {
        if (replica.status === "stored") {
          held.set(replica.hotkey, [...(held.get(replica.hotkey) ?? []), { file, chunk, replica }])
        }
      }
    }
  }
  const picks = sample.flatMap((uid) => {
    const list = held.get(ctx.metagraph.hotkeys[uid]!) ?? []
    return list.length === 0 ? [] : [{ uid, ...list[ctx.random.int(list.length)]!, seed: randomBytes(32) }]
  })
  const answers = picks.length === 0
    ? []
    : yield* ctx.query(
      "challenge",
      picks.map((p) => ({
        uid: p.uid,
        task: { id: replicaId(p.file.id, p.chunk.index), seed: p.seed, leaves: CHALLENGE_LEAVES },
      })),
    )
  let state = ctx.state.get()
  const failed = new Set<string>()
  const passed = new Set<string>()
  answers.forEach((a, i) => {
    const p = picks[i]!
    const ok = a.status === "ok" &&
      verifyChallenge(p.replica.root, p.chunk.size + TAG_BYTES, p.seed, CHALLENGE_LEAVES, a.response!) === "ok"
    ;(ok ? passed : failed).add(`${p.file.id}/${p.chunk.index}/${p.replica.hotkey}`)
    state = withRecord(state, p.replica.hotkey, (m) => ({
      ...contacted(a.status === "ok", ctx.step)(m),
      challenges: m.challenges + 1,
      passed: m.passed + (ok ? 1 : 0),
      latencyMs: a.status === "ok"
        ? (m.challenges === 0 ? a.latencyMs : 0.8 * m.latencyMs + 0.2 * a.latencyMs)
        : m.latencyMs,
    }))
  })
  state = mapReplicas(state, (f, c, r) => {
    const key = `${f.id}/${c.index}/${r.hotkey}`
    return failed.has(key) ? { ...r, failures: r.failures + 1 } : passed.has(key) ? { ...r, failures: 0 } : r
  })
  yield* ctx.state.set(state)
  yield* retrieveOne(ctx, picks)
  const bytes = storedBytes(ctx.state.get())
  const most = Math.max(0, ...bytes.values())
  return sample.map((uid): RoundReward => {
    const hotkey = ctx.metagraph.hotkeys[uid]!
    const parts = scoreMiner(minerRecord(ctx.state.get(), hotkey), bytes.get(hotkey) ?? 0, most)
    return { uid, reward: { score: parts.score, parts: { ...parts } } }
  })
})

/** Retrieves one challenged replica whole and checks it: its Merkle root, then decryption and the chunk's sha256. */
const retrieveOne = Effect.fn("StorageRound.retrieveOne")(
  function*(ctx: Ctx, picks: ReadonlyArray<{ uid: number; file: StoredFile; chunk: Chunk; replica: Replica }>) {
    if (picks.length === 0) return
    const p = picks[ctx.random.int(picks.length)]!
    const [a] = yield* ctx.query("retrieve", [{ uid: p.uid, task: { id: replicaId(p.file.id, p.chunk.index) } }])
    const data = a?.status === "ok" ? a.response!.data : null
    const opened = data !== null && merkleRoot(data) === p.replica.root
      ? open(ctx.state.get().secret, p.file.id, p.chunk.index, p.replica.hotkey, data)
      : null
    const ok = opened !== null && sha256Hex(opened) === p.chunk.sha256
    let state = withRecord(ctx.state.get(), p.replica.hotkey, (m) => ({
      ...contacted(a?.status === "ok", ctx.step)(m),
      retrievals: m.retrievals + 1,
      retrieved: m.retrieved + (ok ? 1 : 0),
    }))
    if (!ok) {
      state = mapReplicas(
        state,
        (f, c, r) => (f.id === p.file.id && c.index === p.chunk.index && r.hotkey === p.replica.hotkey
          ? { ...r, failures: r.failures + 1 }
          : r),
      )
    }
    yield* ctx.state.set(state)
  },
)
