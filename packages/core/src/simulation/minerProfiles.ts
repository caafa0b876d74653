/** The built-in miner profiles. Each wraps the subnet's real miner handler; none knows the subnet's scoring. */
import { Effect } from "effect"
import { seededRandom, stepSeed } from "../subnet/seededRandom.ts"
import type { MinerBehaviour, MinerProfile, MinerProfileEnv } from "./MinerProfile.ts"
import { ScenarioError } from "./Scenario.ts"

/** Runs the subnet's miner on every task. */
export const honest: MinerProfile = {
  name: "honest",
  description: "runs the subnet's miner on every task",
  make: (env) => ({ answer: (task, ctx) => env.subnet.miner(task, ctx) }),
}

/**
 * Cheap, low-quality answers: the real miner on a `quality` share of tasks; on the rest the subnet's own `lazyMiner`
 * when it declares one (e.g. a smaller model), otherwise its previous answer, whatever the task.
 */
export const lazy: MinerProfile = {
  name: "lazy",
  description: "runs the real miner on a share of tasks, a cheap answer on the rest",
  make: <Task, Response>(env: MinerProfileEnv<Task, Response>): MinerBehaviour<Task, Response> => {
    const quality = env.params.number("quality", 0.3, { min: 0, max: 1 })
    const cheap = env.subnet.lazyMiner
    let last: Response | undefined
    return {
      answer: (task, ctx) => {
        if (env.random.next() < quality) {
          return Effect.tap(env.subnet.miner(task, ctx), (r) => Effect.sync(() => void (last = r)))
        }
        if (cheap !== undefined) return cheap(task, ctx)
        return last !== undefined
          ? Effect.succeed(last)
          : Effect.tap(env.subnet.miner(task, ctx), (r) => Effect.sync(() => void (last = r)))
      },
    }
  },
}

/** Returns, for any task, what the miner it copies answered in an earlier round (one round late by construction). */
export const copycat: MinerProfile = {
  name: "copycat",
  description: "returns another miner's answer from the previous round, without running a model",
  make: (env) => {
    const group = env.params.string("copies", "honest")
    const targets = env.hotkeysOf(group)
    const target = targets[env.operator % targets.length]!
    return {
      answer: (_task, _ctx, round) =>
        Effect.suspend(() => {
          const copied = env.answers.latestBefore(target, round)
          return copied === undefined
            ? Effect.fail(new Error(`nothing from ${target} to copy yet`))
            : Effect.succeed(copied as never)
        }),
    }
  },
}

/** One operator, several hotkeys, one model: honest answers, but the hotkeys share the model's capacity. */
export const sybil: MinerProfile = {
  name: "sybil",
  description: "one model serving several registered hotkeys, which share its capacity",
  hotkeysPerOperator: (params) => params.integer("hotkeys", 4, { min: 1, max: 64 }),
  make: (env) => ({ answer: (task, ctx) => env.subnet.miner(task, ctx) }),
}

/** Honest answers, but a `lateProbability` share of them arrive after any timeout. */
export const slow: MinerProfile = {
  name: "slow",
  description: "honest answers, a share of which arrive after the timeout",
  make: (env) => {
    const late = env.params.number("lateProbability", 0.5, { min: 0, max: 1 })
    return {
      answer: (task, ctx) => env.subnet.miner(task, ctx),
      delayMs: () => (env.random.next() < late ? Infinity : 0),
    }
  },
}

/** Well-formed nonsense: the subnet's real answer to a different, randomly generated task. */
export const random: MinerProfile = {
  name: "random",
  description: "answers a random task of its own instead of the one asked",
  make: (env) => {
    const generate = env.subnet.generate
    if (generate === undefined) {
      throw new ScenarioError({
        path: "miners",
        detail: `profile random needs a subnet whose validator generates tasks; ${env.subnet.name} runs its own rounds`,
      })
    }
    return {
      answer: (_task, ctx, round) =>
        Effect.flatMap(
          generate({ config: ctx.config, hotkey: ctx.hotkey, step: round, random: env.random }),
          (other) => env.subnet.miner(other, ctx),
        ),
    }
  },
}

/** Honest when up; reachable in an `uptime` share of rounds (drawn per round, whatever the traffic). */
export const offline: MinerProfile = {
  name: "offline",
  description: "honest, but unreachable part of the time",
  make: (env) => {
    const uptime = env.params.number("uptime", 0.5, { min: 0, max: 1 })
    return {
      answer: (task, ctx) => env.subnet.miner(task, ctx),
      online: (round) => seededRandom(stepSeed(env.seed, round)).next() < uptime,
    }
  },
}

export const builtinMinerProfiles: Readonly<Record<string, MinerProfile>> = {
  honest,
  lazy,
  copycat,
  sybil,
  slow,
  random,
  offline,
}
