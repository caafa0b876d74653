/**
 * The validator: generates a prompt (`generate`, from the corpus, greedy so answers are exactly checkable) and scores
 * each answer (`score`): it re-executes the declared model to check the tokens, measures relevance with an embedder,
 * and penalises empty, echoed, over-long and late answers (scoring.ts, `SCORE_WEIGHTS`).
 */
import type { Answer, ValidatorContext } from "@subnetkit/core"
import { Effect } from "effect"
import { generatePrompt } from "./prompts.ts"
import type { TextResponse, TextTask } from "./scoring.ts"
import { scoreAnswers } from "./scoring.ts"
import type { TextSettings } from "./settings.ts"
import { modelsOf } from "./settings.ts"
import { loadCausalModel, loadEmbedder } from "./TextModels.ts"

/** The validator's functions for these settings. */
export function textValidator(settings: TextSettings) {
  const { model, embedder } = modelsOf(settings)
  const models = Effect.all({
    causal: loadCausalModel(model, settings.threads),
    embedder: loadEmbedder(embedder, settings.threads),
  })
  return {
    generate: (ctx: ValidatorContext) =>
      Effect.sync((): TextTask => ({
        prompt: generatePrompt(ctx.random),
        model: model.id,
        maxNewTokens: settings.maxNewTokens,
        temperature: 0,
        repetitionPenalty: settings.repetitionPenalty,
      })),
    score: (task: TextTask, answers: ReadonlyArray<Answer<TextResponse>>) =>
      Effect.gen(function*() {
        const loaded = yield* models
        const scored = yield* Effect.promise(() =>
          scoreAnswers(loaded, task, answers, {
            latencyBudgetMs: settings.latencyBudgetMs,
            tieTolerance: settings.tieTolerance,
          })
        )
        return scored.map((p) => ({
          score: p.score,
          parts: { reason: p.reason ?? "accepted", verified: p.verified, relevance: p.relevance, latency: p.latency },
        }))
      }),
    /** Loads both models before the validator scores anything. */
    prepare: Effect.asVoid(models),
  }
}
