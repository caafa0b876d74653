/**
 * The text subnet's costs. Goal (issue 7): a miner's tokens/s through a signed Axon within 5% of the bare
 * transformers.js pipeline in the same process; and the validator's scoring time per answer (re-execution forward
 * pass + embeddings). Greedy tasks with the bundled tiny model, the same seeded prompts each way, one at a time.
 * Over WebSocket the Axon streams (each token decoded and sent as it comes), so that row also prices streaming.
 */
import { Effect } from "effect"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { fromSnapshot } from "../packages/core/src/metagraph/Metagraph.ts"
import { minerEndpoint } from "../packages/core/src/neuron/minerEndpoint.ts"
import { minerContext } from "../packages/core/src/subnet/minerContext.ts"
import { seededRandom } from "../packages/core/src/subnet/seededRandom.ts"
import { startAxon } from "../packages/core/src/transport/http/Axon.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import { generatePrompt } from "../subnets/text/src/prompts.ts"
import type { TextResponse, TextTask } from "../subnets/text/src/scoring.ts"
import { scoreAnswer } from "../subnets/text/src/scoring.ts"
import { bundledSettings, modelsOf } from "../subnets/text/src/settings.ts"
import { loadCausalModel, loadEmbedder, loadGenerator } from "../subnets/text/src/TextModels.ts"
import { makeTextSubnet } from "../subnets/text/src/textSubnet.ts"

const bundled = modelsOf(bundledSettings)

export interface TextMinerBench {
  readonly prompts: number
  readonly tokens: number
  readonly bareTokensPerSecond: number
  readonly axonTokensPerSecond: number
  readonly axonWsTokensPerSecond: number
  readonly overheadPercent: number
  readonly scoreMsPerAnswer: number
}

export async function benchTextMiner(count = 60): Promise<TextMinerBench> {
  await Effect.runPromise(keysReady)
  const random = seededRandom(11)
  const tasksOf = (n: number): Array<TextTask> => Array.from({ length: n }, () => ({
    prompt: generatePrompt(random),
    model: "tiny-gpt2",
    maxNewTokens: 48,
    temperature: 0,
    repetitionPenalty: 1.3,
  }))
  const warmUp = tasksOf(5)
  const tasks = tasksOf(count)
  await Effect.runPromise(loadGenerator(bundled.model))
  const ctx = minerContext({ hotkey: "bench" })

  type Answerer = { readonly answer: (task: TextTask) => Promise<TextResponse>; readonly close: () => Promise<void> }
  /**
   * Each run gets a subnet of its own: its miner answers a greedy task it has seen from memory, so a shared one would
   * time the memo, not the model, from the second run on.
   */
  const timed = async (start: (subnet: ReturnType<typeof makeTextSubnet>) => Promise<Answerer>) => {
    const { answer, close } = await start(makeTextSubnet())
    try {
      for (const task of warmUp) await answer(task)
      let tokens = 0
      const t0 = performance.now()
      const answers: Array<TextResponse> = []
      for (const task of tasks) {
        const a = await answer(task)
        answers.push(a)
        tokens += a.tokens.length
      }
      return { tokens, seconds: (performance.now() - t0) / 1000, answers }
    } finally {
      await close()
    }
  }

  const direct = async (subnet: ReturnType<typeof makeTextSubnet>): Promise<Answerer> => ({
    answer: (task) => Effect.runPromise(Effect.orDie(subnet.miner(task, ctx))),
    close: async () => {},
  })

  const minerKey = keypairFromUri("//bench/text/miner")
  const validatorKey = keypairFromUri("//bench/text/validator")
  const graph = fromSnapshot({ netuid: 1, block: 1, ownerHotkey: "", ownerColdkey: "", tempo: 360, neurons: [] })
  const overAxon =
    (protocol: "http" | "ws") => async (subnet: ReturnType<typeof makeTextSubnet>): Promise<Answerer> => {
      const axon = await startAxon({
        endpoint: minerEndpoint({
          subnet,
          hotkey: minerKey.address,
          policy: { requireRegistered: false, requireValidatorPermit: false, minStakeRao: 0n },
          metagraph: () => graph,
        }),
        pair: minerKey,
        run: Effect.runPromise,
        log: () => {},
      })
      const dendrite = new Dendrite({ keys: [validatorKey], protocol })
      return {
        answer: async (task) => {
          const reply = await dendrite.call(
            { ip: "127.0.0.1", port: axon.port },
            { subnet: "text", kind: "task", caller: validatorKey.address, target: minerKey.address, body: task },
            { timeoutMs: 30_000 },
          )
          if (reply.status !== "ok") throw new Error(`bench request failed: ${JSON.stringify(reply)}`)
          return reply.body as TextResponse
        },
        close: async () => {
          dendrite.close()
          await axon.close()
        },
      }
    }
  // Alternated, best of three each: the machine's speed drifts between runs more than the difference measured.
  type Run = Awaited<ReturnType<typeof timed>>
  const runs: { bare: Array<Run>; http: Array<Run>; ws: Array<Run> } = { bare: [], http: [], ws: [] }
  for (let pass = 0; pass < 3; pass++) {
    runs.bare.push(await timed(direct))
    runs.http.push(await timed(overAxon("http")))
    runs.ws.push(await timed(overAxon("ws")))
  }
  const best = (xs: Array<Run>) => xs.reduce((a, b) => (b.seconds < a.seconds ? b : a))
  const [bare, http, ws] = [best(runs.bare), best(runs.http), best(runs.ws)]
  if (http.answers.some((a, i) => a.text !== bare.answers[i]!.text)) {
    throw new Error("answers through the Axon differ from the bare pipeline's")
  }

  const models = {
    causal: await Effect.runPromise(loadCausalModel(bundled.model)),
    embedder: await Effect.runPromise(loadEmbedder(bundled.embedder)),
  }
  const t0 = performance.now()
  for (const [i, task] of tasks.entries()) {
    await scoreAnswer(
      models,
      task,
      { uid: 1, hotkey: "m", status: "ok", response: bare.answers[i]!, latencyMs: 100 },
      { latencyBudgetMs: 12_000 },
    )
  }
  const scoreMsPerAnswer = (performance.now() - t0) / tasks.length

  const bareRate = bare.tokens / bare.seconds
  const axonRate = http.tokens / http.seconds
  return {
    prompts: count,
    tokens: bare.tokens,
    bareTokensPerSecond: bareRate,
    axonTokensPerSecond: axonRate,
    axonWsTokensPerSecond: ws.tokens / ws.seconds,
    overheadPercent: (1 - axonRate / bareRate) * 100,
    scoreMsPerAnswer,
  }
}
