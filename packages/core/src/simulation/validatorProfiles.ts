/** The built-in validator profiles. */
import { Effect } from "effect"
import { Chain } from "../chain/Chain.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import { weightsToEmit } from "../neuron/processWeights.ts"
import { StateStore } from "../neuron/StateStore.ts"
import type { StepReport } from "../neuron/Validator.ts"
import { makeValidator } from "../neuron/Validator.ts"
import type { Transport } from "../transport/Transport.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import type { RoundScore, ValidatorProfile, ValidatorProfileEnv } from "./ValidatorProfile.ts"

const realValidator = <Task, Response>(env: ValidatorProfileEnv<Task, Response>) =>
  makeValidator(env.subnet, { netuid: env.netuid, hotkey: env.hotkey, sampleSize: env.sampleSize, timeoutMs: env.timeoutMs, seed: env.seed })
    .pipe(Effect.provide(StateStore.layerMemory()))

/** A step of the real validator, reporting what it scored. */
const scoredStep = <Response>(step: Effect.Effect<StepReport<Response>, unknown, Chain | Transport>) =>
  Effect.map(step, (report): ReadonlyArray<RoundScore> =>
    report.answers.map((a, i) => {
      const parts = report.parts[i]
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
 * Sets weights `values` on `uids` (processed the SDK's way); a refusal is logged, as a real validator would. Plain
 * set_weights only: on a commit-reveal subnet these profiles are refused (the honest one commits and reveals).
 */
const setWeights = Effect.fn("simulation.setWeights")(function*<Task, Response>(
  env: ValidatorProfileEnv<Task, Response> & { readonly subnet: Subnet<Task, Response> },
  uids: ReadonlyArray<number>,
  values: ReadonlyArray<number>,
  n: number,
) {
  const chain = yield* Chain
  const h = yield* chain.hyperparameters(env.netuid)
  const emit = weightsToEmit(uids, values, { n, minAllowedWeights: h.minAllowedWeights, maxWeightLimitU16: h.maxWeightLimit })
  if (emit.uids.length === 0) return
  yield* chain.setWeights({ netuid: env.netuid, hotkey: env.hotkey, uids: emit.uids, weights: emit.weights, versionKey: env.subnet.versionKey }).pipe(
    Effect.catchTag("ChainError", (e) => Effect.logWarning(`set_weights refused: ${e.message}`)),
  )
})

/** Queries nobody: once an epoch it sets the consensus (C) the last epoch published as its own weights. */
export const weightCopier: ValidatorProfile = {
  name: "weight-copier",
  description: "sets the last epoch's consensus as its weights, without querying any miner",
  make: (env) =>
    Effect.succeed({
      round: ({ firstOfEpoch }) =>
        firstOfEpoch
          ? Effect.flatMap(syncMetagraph(env.netuid), (graph) => setWeights(env, graph.uids, graph.C, graph.n))
          : Effect.void,
    }),
}

/** A colluding validator: once an epoch it puts all its weight, evenly, on the miners of the group it favours. */
export const cabal: ValidatorProfile = {
  name: "cabal",
  description: "weights only the miners of its own group, whatever they answer",
  make: (env) => {
    const favoured = new Set(env.hotkeysOf(env.params.string("favors")))
    return Effect.succeed({
      round: ({ firstOfEpoch }) =>
        firstOfEpoch
          ? Effect.flatMap(syncMetagraph(env.netuid), (graph) => {
            const uids = graph.uids.filter((u) => favoured.has(graph.hotkeys[u]!))
            return setWeights(env, uids, uids.map(() => 1), graph.n)
          })
          : Effect.void,
    })
  },
}

export const builtinValidatorProfiles: Readonly<Record<string, ValidatorProfile>> = {
  honest, lazy, "weight-copier": weightCopier, cabal,
}
