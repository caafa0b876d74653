/**
 * The text subnet with its bundled tiny models, offline: the miner is deterministic, the validator accepts honest
 * answers and gives 0, with a reason, to the ways of cheating it is built to catch.
 */
import { env } from "@huggingface/transformers"
import type { Answer } from "@subnetkit/core"
import { minerContext, resolveSubnetConfig, seededRandom } from "@subnetkit/core"
import { Effect, Stream } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { generatePrompt } from "./prompts.ts"
import type { ScoringModels, TextResponse, TextTask } from "./scoring.ts"
import { scoreAnswer } from "./scoring.ts"
import { bundledSettings, modelsOf } from "./settings.ts"
import type { ModelSource } from "./TextModels.ts"
import { loadCausalModel, loadEmbedder, loadGenerator, ModelLoadError } from "./TextModels.ts"
import { makeTextSubnet } from "./textSubnet.ts"

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
const answer = (response: TextResponse, latencyMs = 100): Answer<TextResponse> => ({
  uid: 1,
  hotkey: "m",
  status: "ok",
  response,
  latencyMs,
})

let models: ScoringModels
const score = (t: TextTask, response: TextResponse) =>
  scoreAnswer(models, t, answer(response), { latencyBudgetMs: 12_000 })
/** A made-up answer: `tokens` and the text they spell. */
const fabricated = (tokens: ReadonlyArray<number>): TextResponse => ({
  text: models.causal.tokenizer.decode([...tokens], { skip_special_tokens: true }),
  tokens,
})

beforeAll(async () => {
  models = {
    causal: await run(loadCausalModel(bundled.model)),
    embedder: await run(loadEmbedder(bundled.embedder)),
  }
})

/** Seeded prompts whose honest answers differ from each other (the tiny model repeats itself on some). */
async function distinctPrompts(n: number) {
  const random = seededRandom(7)
  const out: Array<{ readonly task: TextTask; readonly response: TextResponse }> = []
  while (out.length < n) {
    const t = task(generatePrompt(random))
    const response = await run(subnet.miner(t, ctx))
    if (!out.some((o) => o.response.text === response.text)) out.push({ task: t, response })
  }
  return out
}

describe("text subnet: miner", () => {
  it("behavior: the same seed gives the same prompts, and the same prompt the same answer", async () => {
    const prompts = (seed: number) => Array.from({ length: 5 }, ((r) => () => generatePrompt(r))(seededRandom(seed)))
    expect(prompts(3)).toEqual(prompts(3))
    expect(prompts(3)).not.toEqual(prompts(4))
    const t = task(prompts(3)[0]!)
    const a = await run(subnet.miner(t, ctx))
    expect(a.text.length).toBeGreaterThan(0)
    expect(await run(subnet.miner(t, ctx))).toEqual(a)
  })

  it("behavior: streamed elements grow and the last one is the non-streamed answer", async () => {
    const t = task("And the LORD spake unto Moses, saying")
    const elements = await run(Stream.runCollect(subnet.minerStream!(t, ctx)))
    expect(elements.length).toBeGreaterThan(1)
    for (let i = 1; i < elements.length - 1; i++) expect(elements[i]!.text.startsWith(elements[i - 1]!.text)).toBe(true)
    expect(elements.at(-1)).toEqual(await run(subnet.miner(t, ctx)))
  })

  it("behavior: a task for another model is refused rather than answered with this one", async () => {
    await expect(run(subnet.miner({ ...task("In the beginning"), model: "someone/else" }, ctx))).rejects.toThrow(
      /serves tiny-gpt2, not someone\/else/,
    )
  })
})

describe("text subnet: validator scoring", () => {
  it("behavior: honest answers pass re-execution and score above 0.5 with their parts", async () => {
    for (const { task: t, response } of await distinctPrompts(30)) {
      const parts = await score(t, response)
      expect(parts.reason, response.text).toBeNull()
      expect(parts.verified).toBe(true)
      expect(parts.score).toBeGreaterThanOrEqual(0.5 * parts.latency)
      expect(parts.checked).toBe(response.tokens.length)
      expect(parts.relevance).toBeGreaterThanOrEqual(0)
    }
  })

  it("behavior: rejects another model's output, a truncated answer, random tokens, the echoed prompt and a cached answer", async () => {
    const [a, b] = await distinctPrompts(2)
    const otherModel = await run(subnet.lazyMiner!(a!.task, ctx))
    expect(otherModel.text).not.toBe(a!.response.text)
    const tokens = a!.response.tokens
    const random = seededRandom(5)
    const cases: Array<readonly [string, TextResponse, RegExp]> = [
      ["another model", otherModel, /not the declared model's choice/],
      ["truncated", fabricated(tokens.slice(0, tokens.length - 3)), /truncated/],
      [
        "random tokens",
        fabricated(Array.from({ length: 12 }, () => random.int(1000))),
        /not the declared model's choice/,
      ],
      ["echo", fabricated(models.causal.tokenizer.encode(a!.task.prompt)), /echo/],
      ["cached answer to another prompt", b!.response, /not the declared model's choice|truncated/],
      ["empty", { text: "  ", tokens: [] }, /empty/],
      ["too long", fabricated([...tokens, ...tokens]), /too long/],
      [
        "tokens that spell another text",
        { ...a!.response, text: `${a!.response.text}!` },
        /tokens do not spell the text/,
      ],
    ]
    for (const [name, response, reason] of cases) {
      const parts = await score(a!.task, response)
      expect(parts.score, name).toBe(0)
      expect(parts.reason, name).toMatch(reason)
    }
  })

  it("behavior: the embedder ranks a paraphrase of the prompt above an unrelated sentence, and both above an empty one", async () => {
    const rows = (await models.embedder([
      "And the LORD spake unto Moses",
      "the LORD spoke to Moses",
      "the ships sailed on the sea",
      "",
    ], { pooling: "mean", normalize: true })).tolist() as Array<Array<number>>
    const cos = (i: number, j: number) => rows[i]!.reduce((s, v, k) => s + v * rows[j]![k]!, 0)
    expect(cos(0, 1)).toBeGreaterThan(cos(0, 2))
    expect(cos(0, 2)).toBeGreaterThan(cos(0, 3))
  })

  it("behavior: slower answers score less; a timeout scores 0", async () => {
    const { task: t, response } = (await distinctPrompts(1))[0]!
    const fast = await scoreAnswer(models, t, answer(response, 100), { latencyBudgetMs: 12_000 })
    const slow = await scoreAnswer(models, t, answer(response, 9000), { latencyBudgetMs: 12_000 })
    expect(slow.score).toBeLessThan(fast.score)
    const late = await scoreAnswer(
      models,
      t,
      { uid: 1, hotkey: "m", status: "timeout", latencyMs: 12_000 },
      { latencyBudgetMs: 12_000 },
    )
    expect(late).toMatchObject({ score: 0, reason: "timeout" })
  })
})

describe("text subnet: settings", () => {
  it("behavior: threads and the tie tolerance resolve like every setting; out-of-range values name their source", async () => {
    const resolved = await run(
      resolveSubnetConfig("text", subnet.config!, {
        env: { SUBNET_TEXT_THREADS: "2" },
        flags: { tieTolerance: "0.001" },
      }),
    )
    expect(resolved).toMatchObject({ threads: 2, tieTolerance: 0.001 })
    expect(subnet.config!.defaults).toMatchObject({ threads: 0, tieTolerance: 1e-4 })
    await expect(run(resolveSubnetConfig("text", subnet.config!, { flags: { threads: "-1" } }))).rejects.toThrow(
      /--set threads: /,
    )
    await expect(run(resolveSubnetConfig("text", subnet.config!, { env: { SUBNET_TEXT_TIE_TOLERANCE: "2" } }))).rejects
      .toThrow(/SUBNET_TEXT_TIE_TOLERANCE: /)
  })
})

describe("text subnet: model loading", () => {
  const local = (patch: Partial<ModelSource>): ModelSource => ({ ...bundled.model, ...patch })
  const failure = async (source: ModelSource) => {
    const exit = await Effect.runPromise(Effect.flip(loadGenerator(source)))
    expect(exit).toBeInstanceOf(ModelLoadError)
    return exit
  }

  it("behavior: missing files, a dtype the model does not ship, and an unreachable hub say which model and what to do", async () => {
    const missing = await failure(local({ id: "no-such-model" }))
    expect(missing.message).toMatch(/Cannot load model "no-such-model" \(dtype fp32\)/)
    expect(missing.message).toMatch(/SUBNET_TEXT_ALLOW_REMOTE=true/)

    const wrongDtype = await failure(local({ dtype: "q4" }))
    expect(wrongDtype.message).toMatch(/"tiny-gpt2" \(dtype q4\)/)
    expect(wrongDtype.message).toMatch(/model_q4\.onnx|bundled tiny models are fp32/)

    const remoteHost = env.remoteHost
    env.remoteHost = "http://127.0.0.1:9/" // nothing listens: no download is attempted off this machine
    try {
      const offline = await failure({
        id: "HuggingFaceTB/SmolLM2-135M-Instruct",
        dtype: "q4",
        localModelPath: "/nonexistent/",
        allowRemote: true,
      })
      expect(offline.message).toMatch(/SmolLM2-135M-Instruct/)
      expect(offline.message).toMatch(/connect to the network|download the model/)
    } finally {
      env.remoteHost = remoteHost
    }
  })

  it("behavior: prepare fails before serving when the model cannot load, and for an unknown dtype", async () => {
    const broken = makeTextSubnet({ model: "no-such-model" })
    await expect(run(broken.prepare!("miner", broken.config!.defaults))).rejects.toThrow(/no-such-model/)
    const badDtype = makeTextSubnet({ dtype: "fp64" as never })
    await expect(run(badDtype.prepare!("validator", badDtype.config!.defaults))).rejects.toThrow(/unknown dtype "fp64"/)
    await run(subnet.prepare!("validator", subnet.config!.defaults))
  })
})
