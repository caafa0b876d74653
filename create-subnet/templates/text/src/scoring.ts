/**
 * How a validator scores one answer, with every part kept for reports:
 *
 *   1. penalties — empty, longer than the task allows, token ids that do not spell the text, or an echo of the
 *      prompt: score 0;
 *   2. re-execution — the validator runs the declared model once over prompt + answer and checks, at a seeded sample
 *      of the answer's positions plus the first and the last, that each token is the model's own choice under the
 *      task's repetition penalty (greedy tasks) or among its top 40 (sampled tasks), and that a short answer ends
 *      where the model would stop. A different model, a
 *      truncated, fabricated or cached answer fails: score 0. One forward pass costs far less than generating;
 *   3. relevance — embedding similarity of answer and prompt above an empty answer's, scaled to [0, 1];
 *   4. latency — from 1 for an instant answer down to 0.5 at the latency budget.
 *
 *   score = (0.5 + 0.5 · relevance) · latency, for an answer that passes 1 and 2.
 */
import type { Answer, SeededRandom } from "@subnetkit/core"
import type { FeatureExtractionPipeline, PreTrainedModel, PreTrainedTokenizer } from "@huggingface/transformers"
import { Tensor } from "@huggingface/transformers"

export const SCORE_WEIGHTS = { base: 0.5, relevance: 0.5, latencyAtBudget: 0.5, sampledPositions: 8, topK: 40 } as const

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
  /** Answer token positions the re-execution checked. */
  readonly checked: ReadonlyArray<number>
}

export interface ScoringModels {
  readonly causal: { readonly model: PreTrainedModel; readonly tokenizer: PreTrainedTokenizer }
  readonly embedder: FeatureExtractionPipeline
}

const zero = (reason: string, checked: ReadonlyArray<number> = []): ScoreParts => ({ score: 0, reason, verified: false, relevance: 0, latency: 0, checked })

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

/**
 * `k` distinct positions in [0, n), drawn from the validator's stream (the miner cannot know them), plus the first
 * (the token that depends most on the prompt) and the last.
 */
function samplePositions(n: number, k: number, random: SeededRandom): Array<number> {
  const picked = new Set<number>([0, n - 1])
  while (picked.size < Math.min(n, k + 2)) picked.add(random.int(n))
  return [...picked].sort((a, b) => a - b)
}

/** The generator's repetition penalty, as transformers.js applies it to the scores of the next token. */
function penalised(row: Float32Array, seen: ReadonlyArray<number>, penalty: number): Float32Array {
  if (penalty === 1) return row
  const out = Float32Array.from(row)
  for (const token of new Set(seen)) out[token] = out[token]! < 0 ? out[token]! * penalty : out[token]! / penalty
  return out
}

const argmax = (row: Float32Array) => row.reduce((best, v, i) => (v > row[best]! ? i : best), 0)
const rankOf = (row: Float32Array, token: number) => row.reduce((rank, v) => (v > row[token]! ? rank + 1 : rank), 0)

/** Re-executes the model over prompt + answer; returns why it does not match, or null. */
async function reexecute(models: ScoringModels, task: TextTask, answerIds: ReadonlyArray<number>, checked: ReadonlyArray<number>): Promise<string | null> {
  const { model, tokenizer } = models.causal
  const promptIds = tokenizer.encode(task.prompt)
  const ids = [...promptIds, ...answerIds]
  const tensor = (xs: ReadonlyArray<number>) => new Tensor("int64", BigInt64Array.from(xs, BigInt), [1, xs.length])
  const out = (await model({ input_ids: tensor(ids), attention_mask: tensor(ids.map(() => 1)) })) as { logits: Tensor }
  const vocab = out.logits.dims[2]!
  const data = out.logits.data as Float32Array
  /** The scores the generator chose the token after `position` of the whole sequence from. */
  const next = (position: number) =>
    penalised(data.subarray(position * vocab, (position + 1) * vocab), ids.slice(0, position + 1), task.repetitionPenalty)
  for (const k of checked) {
    const row = next(promptIds.length + k - 1)
    const ok = task.temperature === 0 ? argmax(row) === answerIds[k] : rankOf(row, answerIds[k]!) < SCORE_WEIGHTS.topK
    if (!ok) return "not the declared model's choice" // (which position stays private: it would tell what is checked)
  }
  const eos = (model.config as unknown as { readonly eos_token_id?: number }).eos_token_id
  if (task.temperature === 0 && answerIds.length < task.maxNewTokens && eos !== undefined && argmax(next(ids.length - 1)) !== eos) {
    return "the answer stops before the model would (truncated)"
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

export async function scoreAnswer(
  models: ScoringModels,
  task: TextTask,
  answer: Answer<TextResponse>,
  options: { readonly random: SeededRandom; readonly latencyBudgetMs: number },
): Promise<ScoreParts> {
  if (answer.status !== "ok" || answer.response === undefined) return zero(answer.status)
  const { text, tokens: answerIds } = answer.response
  if (text.trim() === "" || answerIds.length === 0) return zero("empty")
  if (answerIds.length > task.maxNewTokens) return zero("too long")
  if (models.causal.tokenizer.decode([...answerIds], { skip_special_tokens: true }) !== text) return zero("tokens do not spell the text")
  if (isEcho(task.prompt, text)) return zero("echo of the prompt")
  const checked = samplePositions(answerIds.length, SCORE_WEIGHTS.sampledPositions, options.random)
  const mismatch = await reexecute(models, task, answerIds, checked)
  if (mismatch !== null) return zero(mismatch, checked)
  const rel = await relevance(models, task.prompt, text)
  const latency = 1 - (1 - SCORE_WEIGHTS.latencyAtBudget) * Math.min(1, answer.latencyMs / options.latencyBudgetMs)
  return { score: (SCORE_WEIGHTS.base + SCORE_WEIGHTS.relevance * rel) * latency, reason: null, verified: true, relevance: rel, latency, checked }
}
