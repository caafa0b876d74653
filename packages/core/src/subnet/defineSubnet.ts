/**
 * The subnet owner's whole API: what a task and an answer look like, what a miner does with a task, and how a
 * validator makes tasks and scores answers. Everything else (transport, chain, weights, payouts) is the framework.
 *
 * @example
 * ```ts
 * import { Effect, Schema } from "effect"
 * import { defineSubnet } from "@subnetkit/core"
 *
 * export default defineSubnet({
 *   name: "sum", version: "1.0.0",
 *   task: Schema.Struct({ a: Schema.Number, b: Schema.Number }),
 *   response: Schema.Struct({ sum: Schema.Number }),
 *   miner: (task) => Effect.succeed({ sum: task.a + task.b }),
 *   validator: {
 *     generate: (ctx) => Effect.sync(() => ({ a: ctx.random.int(100), b: ctx.random.int(100) })),
 *     score: (task, answers) => Effect.succeed(answers.map((a) => (a.response?.sum === task.a + task.b ? 1 : 0))),
 *   },
 * })
 * ```
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import type { Effect, Schema, Stream } from "effect"

/** How a miner's answer came back. */
export type AnswerStatus = "ok" | "timeout" | "refused" | "invalid" | "error"

/** One miner's answer to a task, as the validator's `score` sees it. */
export interface Answer<Response> {
  readonly uid: number
  readonly hotkey: string
  readonly status: AnswerStatus
  /** Present when `status` is "ok". */
  readonly response?: Response
  readonly latencyMs: number
  /** Time to the first streamed element, when the miner streamed. */
  readonly firstChunkMs?: number
  /** Why it is not "ok", for logs and reports. */
  readonly detail?: string
}

/** Seeded randomness for task generation (reproducible simulations). */
export interface SeededRandom {
  /** In [0, 1). */
  readonly next: () => number
  /** An integer in [0, max). */
  readonly int: (max: number) => number
}

/** A reward with what it was made of (e.g. `{ relevance: 0.4, reason: "echo" }`), for logs and simulation reports. */
export interface Scored {
  readonly score: number
  readonly parts: Readonly<Record<string, number | string | boolean | null>>
}

export interface MinerContext {
  readonly hotkey: string
  /** Aborted when the request's deadline passes. */
  readonly signal: AbortSignal
}

export interface ValidatorContext {
  readonly hotkey: string
  readonly step: number
  readonly random: SeededRandom
}

export interface SubnetDefinition<Task, Response> {
  readonly name: string
  /** Semantic version; sent on chain as `version_key` = 1000·major + 10·minor + patch. */
  readonly version: string
  readonly task: Schema.Codec<Task, unknown>
  readonly response: Schema.Codec<Response, unknown>
  readonly miner: (task: Task, ctx: MinerContext) => Effect.Effect<Response, unknown>
  /**
   * Optional streaming miner: each element is the answer so far (e.g. the text generated up to now) and the last
   * one is the answer. Over WebSocket the elements reach the validator as they come (unsigned, provisional); the
   * final one is signed like any answer. Transports that cannot stream deliver the last element only.
   */
  readonly minerStream?: (task: Task, ctx: MinerContext) => Stream.Stream<Response, unknown>
  readonly validator: {
    readonly generate: (ctx: ValidatorContext) => Effect.Effect<Task, unknown>
    /** One reward in [0, 1] per answer, in the same order — a number, or a `Scored` with the parts behind it. */
    readonly score: (task: Task, answers: ReadonlyArray<Answer<Response>>, ctx: ValidatorContext) => Effect.Effect<ReadonlyArray<number | Scored>, unknown>
  }
  /**
   * A cheaper, worse miner (e.g. a smaller model) that simulations' "lazy" miners answer with when they skip the
   * real one; without it they repeat a stale answer.
   */
  readonly lazyMiner?: (task: Task, ctx: MinerContext) => Effect.Effect<Response, unknown>
  /**
   * Runs before a miner or validator process starts serving (e.g. loads its model); a failure stops the process
   * with its message instead of serving answers it cannot produce or check.
   */
  readonly prepare?: (role: "miner" | "validator") => Effect.Effect<void, unknown>
  /** EMA factor of the validator's scoreboard (default 0.1). */
  readonly scoreAlpha?: number
  /** The incentive mechanism simulations and the mock chain use for this subnet (default: Yuma). */
  readonly mechanism?: Mechanism
}

export interface Subnet<Task, Response> extends SubnetDefinition<Task, Response> {
  readonly versionKey: number
}

/** An invalid subnet definition (bad name or version). */
export class InvalidSubnetDefinition extends Error {
  override readonly name = "InvalidSubnetDefinition"
}

/** `version` "major.minor.patch" → `version_key`, as the subnet template computes `__spec_version__`. */
export function versionKey(version: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version)
  if (m === null) throw new InvalidSubnetDefinition(`version must be "major.minor.patch", got "${version}"`)
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (minor > 99 || patch > 9) {
    throw new InvalidSubnetDefinition(`version ${version}: minor must be ≤ 99 and patch ≤ 9, or version keys of different versions collide`)
  }
  return 1000 * major + 10 * minor + patch
}

/** Checks a definition and derives its `versionKey`. */
export function defineSubnet<Task, Response>(definition: SubnetDefinition<Task, Response>): Subnet<Task, Response> {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(definition.name)) {
    throw new InvalidSubnetDefinition(`name must be lowercase letters, digits and dashes, starting with a letter; got "${definition.name}"`)
  }
  const alpha = definition.scoreAlpha ?? 0.1
  if (!(alpha > 0 && alpha <= 1)) throw new InvalidSubnetDefinition(`scoreAlpha must be in (0, 1], got ${alpha}`)
  return { ...definition, versionKey: versionKey(definition.version) }
}
