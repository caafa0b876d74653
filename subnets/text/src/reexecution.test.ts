/**
 * The validator's re-execution checks every generated token. Answers generated from an altered prompt (lower-cased,
 * first word dropped, persona frame removed) or with one wrong token are refused every time; honest answers pass
 * every time. Tries whose altered answer is the honest answer itself are not counted: that answer is correct.
 */
import { Tensor } from "@huggingface/transformers"
import type { Answer } from "@subnetkit/core"
import { minerContext, seededRandom } from "@subnetkit/core"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { generatePrompt } from "./prompts.ts"
import type { ScoreParts, ScoringModels, TextResponse, TextTask } from "./scoring.ts"
import { scoreAnswer, TIE_TOLERANCE } from "./scoring.ts"
import { bundledSettings, modelsOf } from "./settings.ts"
import { loadCausalModel, loadEmbedder } from "./TextModels.ts"
import { makeTextSubnet } from "./textSubnet.ts"

const TRIES = 100
const subnet = makeTextSubnet()
const bundled = modelsOf(bundledSettings)
const ctx = minerContext({ hotkey: "m" })
const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect as Effect.Effect<A>)
const task = (prompt: string): TextTask => ({
  prompt,
  model: "tiny-gpt2",
  maxNewTokens: 24,
  temperature: 0,
  repetitionPenalty: 1.3,
})
const answer = (response: TextResponse): Answer<TextResponse> => ({
  uid: 1,
  hotkey: "m",
  status: "ok",
  response,
  latencyMs: 100,
})
const sameAnswer = (a: TextResponse, b: TextResponse) => a.text === b.text && a.tokens.join() === b.tokens.join()

let models: ScoringModels
const score = (t: TextTask, response: TextResponse, tieTolerance?: number): Promise<ScoreParts> =>
  scoreAnswer(models, t, answer(response), {
    latencyBudgetMs: 12_000,
    ...(tieTolerance === undefined ? {} : { tieTolerance }),
  })
const spelled = (tokens: ReadonlyArray<number>): TextResponse => ({
  text: models.causal.tokenizer.decode([...tokens], { skip_special_tokens: true }),
  tokens,
})

/** The model's next-token scores after prompt + `prefix`, with the task's repetition penalty (as the generator sees them). */
async function nextScores(t: TextTask, prefix: ReadonlyArray<number>): Promise<Float32Array> {
  const ids = [...models.causal.tokenizer.encode(t.prompt), ...prefix]
  const tensor = new Tensor("int64", BigInt64Array.from(ids, BigInt), [1, ids.length])
  const out = (await models.causal.model({
    input_ids: tensor,
    attention_mask: new Tensor("int64", BigInt64Array.from(ids, () => 1n), [1, ids.length]),
  })) as { logits: Tensor }
  const vocab = out.logits.dims[2]!
  const row = Float32Array.from((out.logits.data as Float32Array).subarray((ids.length - 1) * vocab))
  for (const id of new Set(ids)) {
    row[id] = row[id]! < 0 ? row[id]! * t.repetitionPenalty : row[id]! / t.repetitionPenalty
  }
  return row
}

/** The best-scoring token that is not tied with the model's choice: the most plausible wrong token. */
function runnerUp(row: Float32Array, tolerance: number): number {
  const best = row.reduce((m, v) => Math.max(m, v), -Infinity)
  return row.reduce((pick, v, i) => (v < best - tolerance && (pick < 0 || v > row[pick]!) ? i : pick), -1)
}

interface Case {
  readonly task: TextTask
  readonly honest: TextResponse
}
let cases: ReadonlyArray<Case>

beforeAll(async () => {
  models = {
    causal: await run(loadCausalModel(bundled.model)),
    embedder: await run(loadEmbedder(bundled.embedder)),
  }
  const random = seededRandom(17)
  const out: Array<Case> = []
  while (out.length < TRIES) {
    const t = task(generatePrompt(random))
    out.push({ task: t, honest: await run(subnet.miner(t, ctx)) })
  }
  cases = out
}, 600_000)

/** Scores answers generated from `alter(prompt)` against the real prompt until `TRIES` of them differ from the honest one. */
async function alteredPrompts(alter: (prompt: string) => string | null) {
  const random = seededRandom(23)
  let tries = 0
  let accepted = 0
  let identical = 0
  for (let i = 0; tries < TRIES; i++) {
    const t = cases[i]?.task ?? task(generatePrompt(random)) // the honest cases first, then more prompts
    const altered = alter(t.prompt)
    if (altered === null || altered === t.prompt) continue
    const [honest, cheat] = [
      cases[i]?.honest ?? await run(subnet.miner(t, ctx)),
      await run(subnet.miner(task(altered), ctx)),
    ]
    if (sameAnswer(honest, cheat)) {
      identical++
      continue
    }
    tries++
    const parts = await score(t, cheat)
    if (parts.verified) accepted++
    else expect(parts.score).toBe(0)
  }
  return { accepted, identical }
}

const FRAME = /^(As an? \w+, continue: |An? \w+ tells the story\. |Go on with what an? \w+ said: )/

describe("text subnet: every generated token is re-executed", () => {
  it(`behavior: honest answers are accepted in ${TRIES} of ${TRIES}, every token checked`, async () => {
    let accepted = 0
    for (const { task: t, honest } of cases) {
      const parts = await score(t, honest)
      expect(parts.reason, `${t.prompt} → ${honest.text}`).toBeNull()
      expect(parts.checked).toBe(honest.tokens.length)
      accepted++
    }
    expect(accepted).toBe(TRIES)
  }, 600_000)

  it(`behavior: answers to a lower-cased prompt are accepted in 0 of ${TRIES}`, async () => {
    const { accepted } = await alteredPrompts((p) => p.toLowerCase())
    expect(accepted).toBe(0)
  }, 600_000)

  it(`behavior: answers to the prompt without its first word are accepted in 0 of ${TRIES}`, async () => {
    const { accepted } = await alteredPrompts((p) => p.split(" ").slice(1).join(" "))
    expect(accepted).toBe(0)
  }, 600_000)

  it(`behavior: answers to the prompt without its persona frame are accepted in 0 of ${TRIES}`, async () => {
    const { accepted } = await alteredPrompts((p) => (FRAME.test(p) ? p.replace(FRAME, "") : null))
    expect(accepted).toBe(0)
  }, 600_000)

  it(
    `behavior: an honest answer with one middle token replaced by the model's runner-up is accepted in 0 of ${TRIES}, refused at that token`,
    async () => {
      const random = seededRandom(29)
      let accepted = 0
      let tried = 0
      for (const { task: t, honest } of cases) {
        if (honest.tokens.length < 3) continue
        const at = 1 + random.int(honest.tokens.length - 2)
        const wrong = runnerUp(await nextScores(t, honest.tokens.slice(0, at)), TIE_TOLERANCE)
        const tokens = honest.tokens.map((id, i) => (i === at ? wrong : id))
        const parts = await score(t, spelled(tokens))
        tried++
        if (parts.verified) accepted++
        else expect(parts, t.prompt).toMatchObject({ mismatchAt: at, checked: at + 1 })
      }
      expect(tried).toBeGreaterThanOrEqual(TRIES - 5) // the tiny model rarely stops within 3 tokens
      expect(accepted).toBe(0)
    },
    600_000,
  )

  it(
    "behavior: a token within the tie tolerance of the model's best counts as its choice; one just outside does not",
    async () => {
      // A full-length answer: after a shorter one the end-of-text check would refuse the swap whatever the tolerance.
      const { task: t, honest } = cases.find((c) => c.honest.tokens.length === c.task.maxNewTokens)!
      const last = honest.tokens.length - 1
      const row = await nextScores(t, honest.tokens.slice(0, last))
      const wrong = runnerUp(row, 0)
      const gap = row.reduce((m, v) => Math.max(m, v), -Infinity) - row[wrong]!
      const swapped = spelled(honest.tokens.map((id, i) => (i === last ? wrong : id)))
      expect((await score(t, swapped, gap * 1.01)).verified).toBe(true)
      const refused = await score(t, swapped, gap * 0.99)
      expect(refused).toMatchObject({ verified: false, reason: "not the declared model's choice", mismatchAt: last })
    },
    120_000,
  )
})
