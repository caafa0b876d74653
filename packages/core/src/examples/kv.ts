/**
 * A stateful-rounds subnet: miners are a key-value store. Each step the validator writes a fresh value to `REPLICAS`
 * miners (`put`), then challenges every sampled miner for one key it holds (`get`) and rewards an exact answer. The
 * validator keeps its placements (key → value, holders) in its subnet state, written before a put goes out, so a
 * validator killed mid-round loses no placement; a put that was not acknowledged is re-sent next step. Miners keep
 * their values on disk under their hotkey's data directory.
 */
import { Effect, Schema } from "effect"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { writeFileAtomic } from "../io/writeFileAtomic.ts"
import type { RoundContext, RoundReward } from "../subnet/contexts.ts"
import { defineSubnet, kind } from "../subnet/defineSubnet.ts"

/** Copies of each value. */
export const REPLICAS = 2
/** Placements kept; older ones are forgotten (the oldest first). */
const MAX_PLACEMENTS = 256

const Key = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]{1,64}$/)))
const Value = Schema.String.pipe(Schema.check(Schema.isMaxLength(4096)))

const Holder = Schema.Struct({ hotkey: Schema.String, acknowledged: Schema.Boolean })
const Placement = Schema.Struct({ key: Key, value: Value, holders: Schema.Array(Holder) })
export type Placement = typeof Placement.Type
export const KvState = Schema.Struct({ written: Schema.Int, placements: Schema.Array(Placement) })
export type KvState = typeof KvState.Type

const put = kind({
  task: Schema.Struct({ key: Key, value: Value }),
  response: Schema.Struct({ stored: Schema.Boolean }),
  miner: (task, ctx) =>
    Effect.tryPromise(() => writeFileAtomic(join(ctx.dataDir, task.key), task.value)).pipe(Effect.as({ stored: true })),
})

const get = kind({
  task: Schema.Struct({ key: Key }),
  response: Schema.Struct({ value: Schema.NullOr(Value) }),
  miner: (task, ctx) =>
    Effect.tryPromise(() =>
      readFile(join(ctx.dataDir, task.key), "utf8").catch((
        e: NodeJS.ErrnoException,
      ) => (e.code === "ENOENT" ? null : Promise.reject(e)))
    ).pipe(Effect.map((value) => ({ value }))),
})

const kinds = { put, get }

const randomValue = (ctx: RoundContext<typeof kinds, KvState>) =>
  Array.from({ length: 24 }, () => "abcdefghijklmnopqrstuvwxyz"[ctx.random.int(26)]).join("")

/** Sends `put` for every holder not yet acknowledged, and records who acknowledged. */
const sendPuts = (ctx: RoundContext<typeof kinds, KvState>) =>
  Effect.gen(function*() {
    const uidOf = new Map(ctx.metagraph.hotkeys.map((h, uid) => [h, uid]))
    const pending = ctx.state.get().placements.flatMap((p) =>
      p.holders.filter((h) => !h.acknowledged && uidOf.has(h.hotkey) && ctx.serving.includes(uidOf.get(h.hotkey)!)).map(
        (h) => ({ p, hotkey: h.hotkey }),
      )
    )
    if (pending.length === 0) return
    const answers = yield* ctx.query(
      "put",
      pending.map(({ p, hotkey }) => ({ uid: uidOf.get(hotkey)!, task: { key: p.key, value: p.value } })),
    )
    const stored = new Set(
      answers.flatMap((a, i) => (a.status === "ok" && a.response?.stored ? [`${pending[i]!.p.key} ${a.hotkey}`] : [])),
    )
    const state = ctx.state.get()
    yield* ctx.state.set({
      ...state,
      placements: state.placements.map((p) => ({
        ...p,
        holders: p.holders.map((h) => (stored.has(`${p.key} ${h.hotkey}`) ? { ...h, acknowledged: true } : h)),
      })),
    })
  })

/** Challenges each sampled miner for one key it acknowledged holding: 1 for the exact value, 0 otherwise. */
const challenge = (ctx: RoundContext<typeof kinds, KvState>, sample: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    const placements = ctx.state.get().placements
    const requests = sample.flatMap((uid) => {
      const hotkey = ctx.metagraph.hotkeys[uid]!
      const held = placements.filter((p) => p.holders.some((h) => h.hotkey === hotkey && h.acknowledged))
      return held.length === 0 ? [] : [{ uid, placement: held[ctx.random.int(held.length)]! }]
    })
    const answers = yield* ctx.query("get", requests.map((r) => ({ uid: r.uid, task: { key: r.placement.key } })))
    return answers.map((a, i): RoundReward => ({
      uid: a.uid,
      reward: a.status === "ok" && a.response?.value === requests[i]!.placement.value ? 1 : 0,
    }))
  })

export const kv = defineSubnet({
  name: "kv",
  version: "1.0.0",
  kinds,
  validator: {
    state: { schema: KvState, initial: { written: 0, placements: [] } },
    round: (ctx) =>
      Effect.gen(function*() {
        const sample = ctx.sample()
        // Write-ahead: the placement is on disk before any miner is asked to store it.
        const holders = sample.slice(0, REPLICAS).map((uid) => ({
          hotkey: ctx.metagraph.hotkeys[uid]!,
          acknowledged: false,
        }))
        if (holders.length > 0) {
          const state = ctx.state.get()
          const key = `v${ctx.uid}-${state.written}`
          yield* ctx.state.set({
            written: state.written + 1,
            placements: [...state.placements, { key, value: randomValue(ctx), holders }].slice(-MAX_PLACEMENTS),
          })
        }
        yield* sendPuts(ctx)
        return yield* challenge(ctx, sample)
      }),
  },
})
