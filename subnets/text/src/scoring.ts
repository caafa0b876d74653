/**
 * How a validator scores one answer, with every part kept for reports:
 *
 *   1. penalties — empty, longer than the task allows, token ids that do not spell the text, or an echo of the
 *      prompt: score 0;
 *   2. re-execution — the validator runs the declared model once over prompt + answer (teacher forcing: the logits at
 *      each position are the model's scores for the next token) and checks every token: under the task's repetition
 *      penalty it must be the model's greedy choice, within `tieTolerance` of the best score (greedy tasks), or among
 *      its top 40 (sampled tasks); a short answer must end where the model would stop. A different model, an altered
 *      prompt, one wrong token, a truncated, fabricated or cached answer fails: score 0. One forward pass costs far
 *      less than generating;
 *   3. relevance — embedding similarity of answer and prompt above an empty answer's, scaled to [0, 1];
 *   4. latency — from 1 for an instant answer down to 0.5 at the latency budget.
 *
 *   score = (0.5 + 0.5 · relevance) · latency, for an answer that passes 1 and 2.
 */
import type { FeatureExtractionPipeline, PreTrainedModel, PreTrainedTokenizer } from "@huggingface/transformers"
import { Tensor } from "@huggingface/transformers"
import type { Answer } from "@subnetkit/core"

export const SCORE_WEIGHTS = { base: 0.5, relevance: 0.5, latencyAtBudget: 0.5, topK: 40 } as const

/**
 * How far (in logits, after the repetition penalty) a greedy answer's token may fall below the model's best score and
 * still count as its choice. The miner decodes with a key-value cache, the validator in one pass: the same fp32 model
 * gives logits up to 3.8e-6 apart (measured on the bundled model), and two tokens can be nearly tied (gaps of 1.4e-5
 * seen in honest answers), so exact argmax would refuse an honest answer now and then. 1e-4 is 25× that noise; answers
 * to an altered prompt fell at least 4e-3 below the best at some token (389 of 389 measured).
 */
export const TIE_TOLERANCE = 1e-4

export interface TextTask {
  readonly prompt: string
  /** The model the answer must come from. */
  readonly model: string
  readonly maxNewTokens: number
  /** 0 = greedy (exactly verifiable). */
  readonly temperature: number
  /** Logits of tokens already in the text are divided (or, if negative, multiplied) by this; 1 = none. */
  readonly repetitionPenalty: number
}

export interface TextResponse {
  readonly text: string
  /** The generated token ids: re-encoding the text can split words differently than the model generated them. */
  readonly tokens: ReadonlyArray<number>
}

export interface ScoreParts {
  readonly score: number
  /** Why the answer scored 0, or null. */
  readonly reason: string | null
  readonly verified: boolean
  readonly relevance: number
  readonly latency: number
  /** How many answer tokens the re-execution checked: all for an accepted answer, up to the first mismatch otherwise. */
  readonly checked: number
  /** The first answer token that is not the model's choice, or null. */
  readonly mismatchAt: number | null
}

export interface ScoringModels {
  readonly causal: { readonly model: PreTrainedModel; readonly tokenizer: PreTrainedTokenizer }
  readonly embedder: FeatureExtractionPipeline
}

const unanswered = (status: string): ScoreParts => ({
  score: 0,
  reason: status,
  verified: false,
  relevance: 0,
  latency: 0,
  checked: 0,
  mismatchAt: null,
})

const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? []

/** Most of the answer's word triples are in the prompt: it repeats the question instead of answering. */
function isEcho(prompt: string, answer: string): boolean {
  const a = words(answer)
  const p = words(prompt)
  if (a.length < 3) return p.join(" ").includes(a.join(" ")) && a.length > 0
  const inPrompt = new Set(p.slice(2).map((_, i) => `${p[i]} ${p[i + 1]} ${p[i + 2]}`))
  const triples = a.slice(2).map((_, i) => `${a[i]} ${a[i + 1]} ${a[i + 2]}`)
  return triples.filter((t) => inPrompt.has(t)).length >= 0.6 * triples.length
}

/** The generator's repetition penalty, as transformers.js applies it to the scores of the next token. */
function penalised(row: Float32Array, seen: ReadonlyArray<number>, penalty: number): Float32Array {
  if (penalty === 1) return row
  const out = Float32Array.from(row)
  for (const token of new Set(seen)) out[token] = out[token]! < 0 ? out[token]! * penalty : out[token]! / penalty
  return out
}

const maxOf = (row: Float32Array) => row.reduce((best, v) => (v > best ? v : best), -Infinity)
const rankOf = (row: Float32Array, token: number) => row.reduce((rank, v) => (v > row[token]! ? rank + 1 : rank), 0)

interface Mismatch {
  readonly reason: string
  /** The answer token at fault (answer length for a missing end-of-text). */
  readonly at: number
}

/** Re-executes the model over prompt + answer; returns where and why it does not match, or null. */
async function reexecute(
  models: ScoringModels,
  task: TextTask,
  answerIds: ReadonlyArray<number>,
  tieTolerance: number,
): Promise<Mismatch | null> {
  const { model, tokenizer } = models.causal
  const promptIds = tokenizer.encode(task.prompt)
  const ids = [...promptIds, ...answerIds]
  const tensor = (xs: ReadonlyArray<number>) => new Tensor("int64", BigInt64Array.from(xs, BigInt), [1, xs.length])
  const out = (await model({ input_ids: tensor(ids), attention_mask: tensor(ids.map(() => 1)) })) as { logits: Tensor }
  const vocab = out.logits.dims[2]!
  const data = out.logits.data as Float32Array
  /** The scores the generator chose the token after `position` of the whole sequence from. */
  const next = (position: number) =>
    penalised(
      data.subarray(position * vocab, (position + 1) * vocab),
      ids.slice(0, position + 1),
      task.repetitionPenalty,
    )
  const isChoice = (row: Float32Array, token: number) =>
    task.temperature === 0 ? row[token]! >= maxOf(row) - tieTolerance : rankOf(row, token) < SCORE_WEIGHTS.topK
  for (let k = 0; k < answerIds.length; k++) {
    if (!isChoice(next(promptIds.length + k - 1), answerIds[k]!)) {
      return { reason: "not the declared model's choice", at: k }
    }
  }
  const eos = (model.config as unknown as { readonly eos_token_id?: number }).eos_token_id
  if (
    task.temperature === 0 && answerIds.length < task.maxNewTokens && eos !== undefined &&
    !isChoice(next(ids.length - 1), eos)
  ) {
    return { reason: "the answer stops before the model would (truncated)", at: answerIds.length }
  }
  return null
}

async function relevance(models: ScoringModels, prompt: string, answer: string): Promise<number> {
  const out = await models.embedder([prompt, answer, ""], { pooling: "mean", normalize: true })
  const [p, a, empty] = out.tolist() as Array<Array<number>>
  const cos = (x: Array<number>, y: Array<number>) => x.reduce((s, v, i) => s + v * y[i]!, 0)
  const baseline = cos(p!, empty!)
  return Math.min(1, Math.max(0, (cos(p!, a!) - baseline) / (1 - baseline)))
}

export interface ScoreOptions {
  readonly latencyBudgetMs: number
  /** Default `TIE_TOLERANCE`. */
  readonly tieTolerance?: number
}

/** What an answer's text and tokens earn before latency: the same for every miner that sent the same answer. */
type Verdict = Omit<ScoreParts, "score" | "latency">

async function verdict(
  models: ScoringModels,
  task: TextTask,
  response: TextResponse,
  options: ScoreOptions,
): Promise<Verdict> {
  const { text, tokens: answerIds } = response
  const no = (reason: string, checked = 0, mismatchAt: number | null = null): Verdict => ({
    reason,
    verified: false,
    relevance: 0,
    checked,
    mismatchAt,
  })
  if (text.trim() === "" || answerIds.length === 0) return no("empty")
  if (answerIds.length > task.maxNewTokens) return no("too long")
  if (models.causal.tokenizer.decode([...answerIds], { skip_special_tokens: true }) !== text) {
    return no("tokens do not spell the text")
  }
  if (isEcho(task.prompt, text)) return no("echo of the prompt")
  const mismatch = await reexecute(models, task, answerIds, options.tieTolerance ?? TIE_TOLERANCE)
  if (mismatch !== null) return no(mismatch.reason, Math.min(mismatch.at + 1, answerIds.length), mismatch.at)
  return {
    reason: null,
    verified: true,
    relevance: await relevance(models, task.prompt, text),
    checked: answerIds.length,
    mismatchAt: null,
  }
}

const withLatency = (v: Verdict, latencyMs: number, options: ScoreOptions): ScoreParts => {
  if (!v.verified) return { ...v, score: 0, latency: 0 }
  const latency = 1 - (1 - SCORE_WEIGHTS.latencyAtBudget) * Math.min(1, latencyMs / options.latencyBudgetMs)
  return { ...v, score: (SCORE_WEIGHTS.base + SCORE_WEIGHTS.relevance * v.relevance) * latency, latency }
}

export async function scoreAnswer(
  models: ScoringModels,
  task: TextTask,
  answer: Answer<TextResponse>,
  options: ScoreOptions,
): Promise<ScoreParts> {
  return (await scoreAnswers(models, task, [answer], options))[0]!
}

/**
 * Scores a round's answers to one task, in order. Identical answers (every honest miner sends the same greedy one)
 * are re-executed and embedded once: the verdict depends only on the task and the answer, the latency on the miner.
 */
export async function scoreAnswers(
  models: ScoringModels,
  task: TextTask,
  answers: ReadonlyArray<Answer<TextResponse>>,
  options: ScoreOptions,
): Promise<Array<ScoreParts>> {
  const verdicts = new Map<string, Promise<Verdict>>()
  const out: Array<ScoreParts> = []
  for (const answer of answers) {
    if (answer.status !== "ok" || answer.response === undefined) {
      out.push(unanswered(answer.status))
      continue
    }
    const key = JSON.stringify([answer.response.text, answer.response.tokens])
    let v = verdicts.get(key)
    if (v === undefined) verdicts.set(key, v = verdict(models, task, answer.response, options))
    out.push(withLatency(await v, answer.latencyMs, options))
  }
  return out
}
