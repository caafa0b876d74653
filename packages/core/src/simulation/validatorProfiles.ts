/** The built-in validator profiles. */
import { Effect } from "effect"
import { getRandomValues } from "node:crypto"
import { Chain } from "../chain/Chain.ts"
import type { ChainError } from "../chain/ChainError.ts"
import { commitHash } from "../chain/commitHash.ts"
import type { RevealWeightsInput } from "../chain/types.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import { weightsToEmit } from "../neuron/processWeights.ts"
import { StateStore } from "../neuron/StateStore.ts"
import type { StepReport } from "../neuron/Validator.ts"
import { makeValidator } from "../neuron/Validator.ts"
import type { Transport } from "../transport/Transport.ts"
import type { RoundScore, ValidatorProfile, ValidatorProfileEnv } from "./ValidatorProfile.ts"

const realValidator = <Task, Response>(env: ValidatorProfileEnv<Task, Response>) =>
  makeValidator(env.subnet, { netuid: env.netuid, hotkey: env.hotkey, sampleSize: env.sampleSize, timeoutMs: env.timeoutMs, seed: env.seed })
    .pipe(Effect.provide(StateStore.layerMemory()))

/** A step of the real validator, reporting what it scored. */
const scoredStep = <Response>(step: Effect.Effect<StepReport<Response>, unknown, Chain | Transport>) =>
  Effect.map(step, (report): ReadonlyArray<RoundScore> =>
    report.answers.map((a, i) => {
      // Why an answer is not "ok" (the schema path of a broken field, a deadline) is counted among the reasons.
      const parts = a.status !== "ok" && a.detail !== undefined ? { ...report.parts[i], detail: `${a.status}: ${a.detail}` } : report.parts[i]
      return { hotkey: a.hotkey, status: a.status, reward: report.rewards[i]!, ...(parts === undefined ? {} : { parts }) }
    }))

/** The real validator runtime, one step per round. */
export const honest: ValidatorProfile = {
  name: "honest",
  description: "queries miners, scores them with the subnet's scorer, sets weights every tempo",
  make: (env) => Effect.map(realValidator(env), (validator) => ({ round: () => scoredStep(validator.step()) })),
}

/** The real validator runtime, but it only works one epoch in `everyEpochs`. */
export const lazy: ValidatorProfile = {
  name: "lazy",
  description: "an honest validator that only works one epoch in every few",
  make: (env) => {
    const every = env.params.integer("everyEpochs", 4, { min: 1, max: 1_000_000 })
    return Effect.map(realValidator(env), (validator) => ({
      round: ({ epoch }) => (epoch % every === 0 ? scoredStep(validator.step()) : Effect.void),
    }))
  },
}

/**
 * Sends weights as the real validator does: set_weights, or on a commit-reveal subnet a commit and, on a later call,
 * its reveal once the chain accepts it (then the next commit). Values are processed the SDK's way; a refusal is
 * logged, as a real validator would.
 */
function weightSender<Task, Response>(env: ValidatorProfileEnv<Task, Response>) {
  let pending: RevealWeightsInput | null = null
  const refused = (what: string) => (e: ChainError) => Effect.as(Effect.logWarning(`${what} refused: ${e.message}`), false)
  return Effect.fn("simulation.sendWeights")(function*(uids: ReadonlyArray<number>, values: ReadonlyArray<number>, n: number) {
    const chain = yield* Chain
    const h = yield* chain.hyperparameters(env.netuid)
    if (h.commitRevealEnabled && pending !== null) {
      const reveal: RevealWeightsInput = pending
      const done = yield* chain.revealWeights(reveal).pipe(
        Effect.as(true),
        Effect.catchTag("ChainError", (e) => (e.reason === "RevealTooEarly" ? Effect.succeed(false) : Effect.as(refused("reveal")(e), true))),
      )
      if (!done) return
      pending = null
    }
    const emit = weightsToEmit(uids, values, { n, minAllowedWeights: h.minAllowedWeights, maxWeightLimitU16: h.maxWeightLimit })
    if (emit.uids.length === 0) return
    const call = { netuid: env.netuid, hotkey: env.hotkey, uids: emit.uids, weights: emit.weights, versionKey: env.subnet.versionKey }
    if (!h.commitRevealEnabled) {
      yield* chain.setWeights(call).pipe(Effect.catchTag("ChainError", refused("set_weights")))
      return
    }
    const salt = Array.from(getRandomValues(new Uint16Array(8))) // as the real validator: the salt must not be guessable
    const committed = yield* chain.commitWeights({ netuid: env.netuid, hotkey: env.hotkey, commitHash: commitHash({ ...call, values: emit.weights, salt }) }).pipe(
      Effect.as(true),
      Effect.catchTag("ChainError", refused("commit")),
    )
    if (committed) pending = { ...call, salt }
  })
}

/** Queries nobody: once an epoch it sends the consensus (C) the last epoch published as its own weights. */
export const weightCopier: ValidatorProfile = {
  name: "weight-copier",
  description: "sets the last epoch's consensus as its weights, without querying any miner",
  make: (env) =>
    Effect.sync(() => {
      const send = weightSender(env)
      return {
        round: ({ firstOfEpoch }) =>
          firstOfEpoch ? Effect.flatMap(syncMetagraph(env.netuid), (graph) => send(graph.uids, graph.C, graph.n)) : Effect.void,
      }
    }),
}

/** A colluding validator: once an epoch it puts all its weight, evenly, on the miners of the group it favours. */
export const cabal: ValidatorProfile = {
  name: "cabal",
  description: "weights only the miners of its own group, whatever they answer",
  make: (env) => {
    const favoured = new Set(env.hotkeysOf(env.params.string("favors")))
    const send = weightSender(env)
    return Effect.succeed({
      round: ({ firstOfEpoch }) =>
        firstOfEpoch
          ? Effect.flatMap(syncMetagraph(env.netuid), (graph) => {
            const uids = graph.uids.filter((u) => favoured.has(graph.hotkeys[u]!))
            return send(uids, uids.map(() => 1), graph.n)
          })
          : Effect.void,
    })
  },
}

export const builtinValidatorProfiles: Readonly<Record<string, ValidatorProfile>> = {
  honest, lazy, "weight-copier": weightCopier, cabal,
}
