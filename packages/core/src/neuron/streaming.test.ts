import { assert, beforeAll, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema, Stream } from "effect"
import { MockChain } from "../chain/MockChain.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { devKeypair } from "../keys/devKeys.ts"
import { keysReady } from "../keys/Keys.ts"
import { defineSubnet } from "../subnet/defineSubnet.ts"
import { setupLocalSubnet } from "../testing/localSubnet.ts"
import * as HttpTransport from "../transport/HttpTransport.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import { serveMiner } from "./Miner.ts"
import { StateStore } from "./StateStore.ts"
import { makeValidator } from "./Validator.ts"

// A miner that "types" its answer: each element is the text so far.
const typing = defineSubnet({
  name: "typing",
  version: "1.0.0",
  task: Schema.Struct({ word: Schema.String }),
  response: Schema.Struct({ text: Schema.String }),
  miner: (task) => Effect.succeed({ text: task.word }),
  minerStream: (task) => Stream.fromIterable([...task.word].map((_, i) => ({ text: task.word.slice(0, i + 1) }))),
  validator: {
    generate: () => Effect.succeed({ word: "subnet" }),
    score: (task, answers) => Effect.succeed(answers.map((a) => (a.response?.text === task.word ? 1 : 0))),
  },
})

const hotkeyOf = (name: string) => devKeypair(`${name}-hot`).address
const round = () =>
  Effect.gen(function*() {
    const { netuid } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 1 })
    yield* serveMiner(typing, { netuid, hotkey: hotkeyOf("m1") })
    const validator = yield* makeValidator(typing, { netuid, hotkey: hotkeyOf("v1"), timeoutMs: 2000 }).pipe(
      Effect.provide(StateStore.layerMemory()),
    )
    const report = yield* validator.step()
    return report.answers.find((a) => a.hotkey === hotkeyOf("m1"))!
  })

describe("streaming answers", () => {
  beforeAll(() => Effect.runPromise(keysReady))

  it.live("behavior: in process, the validator scores the last element and records the time to the first", () =>
    Effect.gen(function*() {
      const answer = yield* round()
      assert.deepStrictEqual([answer.status, answer.response], ["ok", { text: "subnet" }])
      assert.isNumber(answer.firstChunkMs)
    }).pipe(
      Effect.provide(Layer.merge(MockChain.layer().pipe(Layer.provide(devSignerLayer)), InProcessTransport.layer())),
      Effect.scoped,
    ))

  it.live("behavior: over WebSocket the elements stream and the signed final answer is scored", () => {
    const keys = { v1: devKeypair("v1-hot"), m1: devKeypair("m1-hot") }
    return Effect.gen(function*() {
      const answer = yield* round()
      assert.deepStrictEqual([answer.status, answer.response], ["ok", { text: "subnet" }])
      assert.isNumber(answer.firstChunkMs)
    }).pipe(
      Effect.provide(
        Layer.merge(
          MockChain.layer().pipe(Layer.provide(devSignerLayer)),
          HttpTransport.layer({ keys: Object.values(keys), protocol: "ws", axon: { log: () => {} } }),
        ),
      ),
      Effect.scoped,
    )
  })
})
