/**
 * The validator's round: keep the index honest (drop replicas of holders that left, stayed offline or keep
 * failing), take in new files, plan repairs, send pending stores, then audit the sampled miners with seeded Merkle
 * challenges and a whole-chunk retrieval, and reward them from their records. Every change to the index is saved
 * (`ctx.state.set`, atomic) before the miners hear of it, so a validator killed at any point resumes consistently:
 * pending replicas are simply sent again (sealing is deterministic, so the bytes and root are the same).
 */
import { Effect } from "effect"
import { randomBytes } from "node:crypto"
import { audit } from "./audit.ts"
import { listInbox, probeBytes, readInbox, removeFromInbox, sha256Hex } from "./files.ts"
import type { Ctx, Plaintexts } from "./placement.ts"
import { candidates, chooseHolders, replicasFor, sealedCache } from "./placement.ts"
import { open, seal } from "./sealing.ts"
import type { StorageSettings } from "./settings.ts"
import type { Chunk, Replica, StoredFile } from "./state.ts"
import { contacted, mapReplicas, minerRecord, replicaId, withRecord } from "./state.ts"

const uidOf = (ctx: Ctx) => new Map(ctx.metagraph.hotkeys.map((h, uid) => [h, uid] as const))

export const makeRound = (config: StorageSettings) =>
  Effect.fn("StorageRound.round")(function*(ctx: Ctx) {
    if (ctx.state.get().secret === "") {
      yield* ctx.state.set({ ...ctx.state.get(), secret: randomBytes(32).toString("hex") })
    }
    const plain: Plaintexts = new Map()
    yield* dropLost(ctx, config)
    yield* ingest(ctx, config, plain)
    yield* planRepairs(ctx, config, plain)
    yield* placePending(ctx, config, plain)
    yield* cleanInbox(ctx, config)
    return yield* audit(ctx)
  })

/** Drops replicas whose holder deregistered, stayed unreachable `offlineSteps`, or failed `maxFailures` in a row. */
const dropLost = Effect.fn("StorageRound.dropLost")(function*(ctx: Ctx, config: StorageSettings) {
  const state = ctx.state.get()
  const registered = new Set(ctx.metagraph.hotkeys)
  const gone = (hotkey: string) => {
    const since = minerRecord(state, hotkey).unreachableSince
    return !registered.has(hotkey) || (since !== null && ctx.step - since >= config.offlineSteps)
  }
  let dropped = 0
  const next = mapReplicas(
    state,
    (_f, _c, r) => (gone(r.hotkey) || r.failures >= config.maxFailures ? (dropped++, null) : r),
  )
  if (dropped === 0) return
  const miners = Object.fromEntries(Object.entries(next.miners).filter(([h]) => registered.has(h)))
  yield* ctx.state.set({ ...next, miners })
  yield* Effect.logInfo(`storage.dropped replicas=${dropped}`)
})

/** Records new files (user files from the inbox, and a probe file when fewer than `probeFiles` exist), holders chosen. */
const ingest = Effect.fn("StorageRound.ingest")(function*(ctx: Ctx, config: StorageSettings, plain: Plaintexts) {
  const state = ctx.state.get()
  const known = new Set(state.files.map((f) => f.id))
  const incoming: Array<{ id: string; name: string; source: "user" | "probe"; bytes: Buffer }> = []
  if (config.dir !== "") {
    for (const entry of listInbox(config.dir)) {
      if (incoming.length >= config.ingestPerRound) break
      if (known.has(entry.id)) continue
      const bytes = yield* Effect.orElseSucceed(Effect.try(() => readInbox(config.dir, entry.id)), () => null)
      if (bytes !== null) incoming.push({ id: entry.id, name: entry.name, source: "user", bytes })
    }
  }
  let created = state.created
  if (state.files.filter((f) => f.source === "probe").length < config.probeFiles) {
    const id = `probe-${ctx.uid}-${created++}`
    incoming.push({
      id,
      name: id,
      source: "probe",
      bytes: probeBytes(state.secret, id, 1 + ctx.random.int(config.probeMaxBytes)),
    })
  }
  if (incoming.length === 0) return
  const pool = candidates(ctx, state)
  if (pool.length === 0) return
  const files: Array<StoredFile> = incoming.map(({ id, name, source, bytes }) => {
    const count = Math.max(1, Math.ceil(bytes.length / config.chunkBytes))
    const chunks = Array.from({ length: count }, (_, index): Chunk => {
      const part = bytes.subarray(index * config.chunkBytes, (index + 1) * config.chunkBytes)
      plain.set(`${id}/${index}`, part)
      const holders = chooseHolders(pool, config.replicas, new Set())
      for (const h of holders) (h as { load: number }).load++
      return {
        index,
        size: part.length,
        sha256: sha256Hex(part),
        replicas: replicasFor(plain, state.secret, id, index, part, holders),
      }
    })
    return { id, name, size: bytes.length, sha256: sha256Hex(bytes), source, inInbox: source === "user", chunks }
  })
  yield* ctx.state.set({ ...state, created, files: [...state.files, ...files] })
  yield* Effect.logInfo(`storage.ingested files=${files.map((f) => f.id).join(",")}`)
})

/**
 * The plaintext of a chunk: the probe generator, the inbox, or a retrieval from a stored replica (decrypted and
 * checked against the chunk's sha256; each try counts as a retrieval in the holder's record).
 */
const plaintextOf = Effect.fn("StorageRound.plaintextOf")(
  function*(ctx: Ctx, config: StorageSettings, plain: Plaintexts, file: StoredFile, chunk: Chunk) {
    const key = `${file.id}/${chunk.index}`
    const cached = plain.get(key)
    if (cached !== undefined) return cached
    const secret = ctx.state.get().secret
    const start = chunk.index * config.chunkBytes
    let found: Buffer | null = null
    if (file.source === "probe") found = probeBytes(secret, file.id, file.size).subarray(start, start + chunk.size)
    else if (file.inInbox && config.dir !== "") {
      found = yield* Effect.orElseSucceed(
        Effect.try(() => readInbox(config.dir, file.id).subarray(start, start + chunk.size)),
        () => null,
      )
    }
    const uids = uidOf(ctx)
    for (const r of chunk.replicas) {
      if (found !== null) break
      const uid = uids.get(r.hotkey)
      if (r.status !== "stored" || uid === undefined || !ctx.serving.includes(uid)) continue
      const [answer] = yield* ctx.query("retrieve", [{ uid, task: { id: replicaId(file.id, chunk.index) } }])
      const opened = answer?.status === "ok"
        ? open(secret, file.id, chunk.index, r.hotkey, answer.response!.data)
        : null
      const ok = opened !== null && sha256Hex(opened) === chunk.sha256
      yield* ctx.state.set(
        withRecord(
          ctx.state.get(),
          r.hotkey,
          (m) =>
            contacted(answer?.status === "ok", ctx.step)({
              ...m,
              retrievals: m.retrievals + 1,
              retrieved: m.retrieved + (ok ? 1 : 0),
            }),
        ),
      )
      if (ok) found = opened
    }
    if (found !== null) plain.set(key, found)
    return found
  },
)

/** Gives every chunk with fewer than R replicas new holders (write-ahead: recorded as pending before any store). */
const planRepairs = Effect.fn("StorageRound.planRepairs")(
  function*(ctx: Ctx, config: StorageSettings, plain: Plaintexts) {
    let budget = config.storesPerRound
    const coldkeyOf = new Map(ctx.metagraph.hotkeys.map((h, uid) => [h, ctx.metagraph.coldkeys[uid] ?? h] as const))
    const planned = new Map<string, Array<Replica>>()
    for (const file of ctx.state.get().files) {
      for (const chunk of file.chunks) {
        const need = config.replicas - chunk.replicas.length
        if (need <= 0 || budget <= 0) continue
        const pool = candidates(ctx, ctx.state.get())
        const holders = chooseHolders(
          pool,
          need,
          new Set(chunk.replicas.map((r) => r.hotkey)),
          new Set(chunk.replicas.map((r) => coldkeyOf.get(r.hotkey) ?? r.hotkey)),
        )
        if (holders.length === 0) continue
        const bytes = yield* plaintextOf(ctx, config, plain, file, chunk)
        if (bytes === null) {
          yield* Effect.logWarning(
            `storage.unrecoverable file=${file.id} chunk=${chunk.index}: no holder returned a valid copy`,
          )
          continue
        }
        planned.set(
          `${file.id}/${chunk.index}`,
          replicasFor(plain, ctx.state.get().secret, file.id, chunk.index, bytes, holders),
        )
        budget -= holders.length
      }
    }
    if (planned.size === 0) return
    const state = ctx.state.get()
    let added = 0
    yield* ctx.state.set({
      ...state,
      files: state.files.map((f) => ({
        ...f,
        chunks: f.chunks.map((c) => {
          const extra = planned.get(`${f.id}/${c.index}`) ?? []
          added += extra.length
          return extra.length === 0 ? c : { ...c, replicas: [...c.replicas, ...extra] }
        }),
      })),
      repaired: state.repaired + added,
    })
    yield* Effect.logInfo(`storage.repairing replicas=${added}`)
  },
)

/** Sends `store` for pending replicas (up to `storesPerRound`), and records who acknowledged with the right root. */
const placePending = Effect.fn("StorageRound.placePending")(
  function*(ctx: Ctx, config: StorageSettings, plain: Plaintexts) {
    const uids = uidOf(ctx)
    const serving = new Set(ctx.serving)
    const jobs: Array<{ file: StoredFile; chunk: Chunk; replica: Replica; uid: number }> = []
    const absent = new Set<string>()
    for (const file of ctx.state.get().files) {
      for (const chunk of file.chunks) {
        for (const replica of chunk.replicas) {
          if (replica.status !== "pending" || jobs.length >= config.storesPerRound) continue
          const uid = uids.get(replica.hotkey)
          if (uid === undefined || !serving.has(uid)) absent.add(`${file.id}/${chunk.index}/${replica.hotkey}`)
          else jobs.push({ file, chunk, replica, uid })
        }
      }
    }
    const secret = ctx.state.get().secret
    const requests: Array<{ uid: number; task: { id: string; data: Uint8Array } }> = []
    const sent: typeof jobs = []
    for (const job of jobs) {
      let sealed = sealedCache(plain).get(`${job.file.id}/${job.chunk.index}/${job.replica.hotkey}`)
      if (sealed === undefined) {
        const bytes = yield* plaintextOf(ctx, config, plain, job.file, job.chunk)
        if (bytes === null) continue
        sealed = seal(secret, job.file.id, job.chunk.index, job.replica.hotkey, bytes)
      }
      requests.push({ uid: job.uid, task: { id: replicaId(job.file.id, job.chunk.index), data: sealed } })
      sent.push(job)
    }
    const answers = requests.length === 0 ? [] : yield* ctx.query("store", requests)
    const outcome = new Map<string, "stored" | "full" | "failed">()
    answers.forEach((a, i) => {
      const job = sent[i]!
      const result = a.status === "ok" && a.response!.root === job.replica.root
        ? "stored"
        : /StorageFull|storage full/.test(a.detail ?? "")
        ? "full"
        : "failed"
      outcome.set(`${job.file.id}/${job.chunk.index}/${job.replica.hotkey}`, result)
    })
    if (outcome.size === 0 && absent.size === 0) return
    let state = mapReplicas(ctx.state.get(), (f, c, r) => {
      const key = `${f.id}/${c.index}/${r.hotkey}`
      const result = outcome.get(key)
      if (result === "stored") return { ...r, status: "stored", failures: 0 }
      if (result === "full") return null
      if (result === "failed" || absent.has(key)) return { ...r, failures: r.failures + 1 }
      return r
    })
    answers.forEach((a, i) => {
      const hotkey = sent[i]!.replica.hotkey
      const full = outcome.get(`${sent[i]!.file.id}/${sent[i]!.chunk.index}/${hotkey}`) === "full"
      state = withRecord(state, hotkey, (m) => ({
        ...contacted(a.status === "ok" || full, ctx.step)(m),
        refusedAt: full ? ctx.step : m.refusedAt,
      }))
    })
    yield* ctx.state.set(state)
  },
)

/** Removes user files from the inbox once every chunk has R stored replicas. */
const cleanInbox = Effect.fn("StorageRound.cleanInbox")(function*(ctx: Ctx, config: StorageSettings) {
  if (config.dir === "") return
  const state = ctx.state.get()
  const done = state.files.filter((f) =>
    f.inInbox && f.chunks.every((c) => c.replicas.filter((r) => r.status === "stored").length >= config.replicas)
  )
  if (done.length === 0) return
  const ids = new Set(done.map((f) => f.id))
  yield* ctx.state.set({ ...state, files: state.files.map((f) => (ids.has(f.id) ? { ...f, inInbox: false } : f)) })
  for (const id of ids) removeFromInbox(config.dir, id)
})
