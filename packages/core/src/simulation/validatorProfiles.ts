/** The built-in validator profiles. */
import { Effect } from "effect"
import type { Chain } from "../chain/Chain.ts"
import type { Metagraph } from "../metagraph/Metagraph.ts"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import { StateStore } from "../neuron/StateStore.ts"
import type { StepReport } from "../neuron/Validator.ts"
import { makeValidator } from "../neuron/Validator.ts"
import type { WeightBook } from "../neuron/WeightSetter.ts"
import { emptyWeightBook, sendWeights } from "../neuron/WeightSetter.ts"
import type { Transport } from "../transport/Transport.ts"
import type { RoundScore, ValidatorProfile, ValidatorProfileEnv } from "./ValidatorProfile.ts"

const realValidator = <Task, Response>(env: ValidatorProfileEnv<Task, Response>) =>
  makeValidator(env.subnet, {
    netuid: env.netuid,
    hotkey: env.hotkey,
    sampleSize: env.sampleSize,
    timeoutMs: env.timeoutMs,
    seed: env.seed,
    config: env.config,
  })
    .pipe(Effect.provide(StateStore.layerMemory()))

/** A step of the real validator, reporting what it scored. */
const scoredStep = (step: Effect.Effect<StepReport, unknown, Chain | Transport>) =>
  Effect.map(step, (report): ReadonlyArray<RoundScore> => {
    const last = new Map(report.answers.map((a) => [a.uid, a]))
    return report.results.map(({ uid: _uid, ...r }) => {
      // Why an answer is not "ok" (the schema path of a broken field, a deadline) is counted among the reasons.
      const answer = last.get(_uid)
      return answer !== undefined && answer.status !== "ok" && answer.detail !== undefined
        ? { ...r, parts: { ...r.parts, detail: `${answer.status}: ${answer.detail}` } }
        : r
    })
  })

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

/** The shared weight setter, with this validator's own bookkeeping kept in memory. */
function weightSender<Task, Response>(env: ValidatorProfileEnv<Task, Response>) {
  let book: WeightBook = emptyWeightBook
  return (graph: Metagraph, uids: ReadonlyArray<number>, scores: ReadonlyArray<number>) =>
    sendWeights({
      netuid: env.netuid,
      hotkey: env.hotkey,
      versionKey: env.subnet.versionKey,
      block: graph.block,
      n: graph.n,
      uids,
      scores: () => scores,
      book,
      save: (next) => Effect.sync(() => void (book = next)),
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
          firstOfEpoch
            ? Effect.asVoid(
              Effect.flatMap(syncMetagraph(env.netuid, "light"), (graph) => send(graph, graph.uids, graph.C)),
            )
            : Effect.void,
      }
    }),
}

/**
 * Queries nobody: in the last round of each epoch it reads the weights the other validators have on chain now and
 * sets their stake-weighted mean as its own — what a real copier does. With commit-reveal on, what it can read are
 * the weights revealed a tempo or more ago.
 */
export const freshCopier: ValidatorProfile = {
  name: "fresh-copier",
  description:
    "sets the other validators' current on-chain weights (stake-weighted mean) as its own, without querying any miner",
  make: (env) =>
    Effect.sync(() => {
      const send = weightSender(env)
      return {
        round: ({ lastOfEpoch }) =>
          lastOfEpoch
            ? Effect.asVoid(
              Effect.flatMap(
                syncMetagraph(env.netuid),
                (graph) => send(graph, graph.uids, stakeWeightedWeights(graph, env.hotkey)),
              ),
            )
            : Effect.void,
      }
    }),
}

/** The stake-weighted mean of the weight rows of every other validator that has set weights. */
function stakeWeightedWeights(graph: Metagraph, self: string): Array<number> {
  const mean = new Array<number>(graph.n).fill(0)
  graph.uids.forEach((i) => {
    const row = graph.W[i]!
    if (graph.hotkeys[i] === self || !graph.validatorPermit[i] || !row.some((w) => w > 0)) return
    row.forEach((w, j) => (mean[j]! += graph.S[i]! * w))
  })
  return mean
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
          ? Effect.asVoid(Effect.flatMap(syncMetagraph(env.netuid, "light"), (graph) => {
            const uids = graph.uids.filter((u) => favoured.has(graph.hotkeys[u]!))
            return send(graph, uids, uids.map(() => 1))
          }))
          : Effect.void,
    })
  },
}

export const builtinValidatorProfiles: Readonly<Record<string, ValidatorProfile>> = {
  honest,
  lazy,
  "weight-copier": weightCopier,
  "fresh-copier": freshCopier,
  cabal,
}
