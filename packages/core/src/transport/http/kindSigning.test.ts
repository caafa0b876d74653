/** A request's kind is signed (for kinds other than "task"): a signed request cannot be sent on to another kind. */
import { cryptoWaitReady } from "@polkadot/util-crypto"
import { Effect, Schema } from "effect"
import { randomUUID } from "node:crypto"
import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Keypair } from "../../keys/Keys.ts"
import { keypairFromUri } from "../../keys/Keys.ts"
import type { Metagraph } from "../../metagraph/Metagraph.ts"
import { defaultCallerPolicy, minerEndpoint } from "../../neuron/minerEndpoint.ts"
import { defineSubnet, kind } from "../../subnet/defineSubnet.ts"
import type { RunningAxon } from "./Axon.ts"
import { startAxon } from "./Axon.ts"
import { signHeaders } from "./signing.ts"

const Key = Schema.Struct({ key: Schema.String })
const store = defineSubnet({
  name: "store",
  version: "1.0.0",
  kinds: {
    keep: kind({
      task: Key,
      response: Schema.Struct({ kept: Schema.Boolean }),
      miner: () => Effect.succeed({ kept: true }),
    }),
    drop: kind({
      task: Key,
      response: Schema.Struct({ dropped: Schema.Boolean }),
      miner: () => Effect.succeed({ dropped: true }),
    }),
  },
  validator: { round: () => Effect.succeed([]) },
})

let miner: Keypair
let validator: Keypair
let axon: RunningAxon

beforeAll(async () => {
  await cryptoWaitReady()
  miner = keypairFromUri("//kinds/miner")
  validator = keypairFromUri("//kinds/validator")
  const graph = {
    hotkeys: [validator.address, miner.address],
    validatorPermit: [true, false],
    stakeRao: [1n, 0n],
  } as unknown as Metagraph
  const endpoint = minerEndpoint({
    subnet: store,
    hotkey: miner.address,
    policy: defaultCallerPolicy,
    metagraph: () => graph,
  })
  axon = await startAxon({ endpoint, pair: miner, run: Effect.runPromise, log: () => {} })
})

afterAll(() => axon.close())

const post = (path: string, body: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const req = request({
      host: axon.host,
      port: axon.port,
      method: "POST",
      path,
      headers: { "content-type": "application/json", ...headers },
    }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode ?? 0))
    })
    req.on("error", reject)
    req.end(body)
  })

describe("request kinds are signed", () => {
  it("behavior: a request signed for one kind is refused on another, and served on its own", async () => {
    const body = JSON.stringify({ key: "k" })
    const signedFor = (k: string) =>
      signHeaders(validator, Buffer.from(body), miner.address, Date.now(), randomUUID(), k)
    expect(await post("/store/drop", body, signedFor("keep"))).toBe(401)
    expect(await post("/store/keep", body, signedFor("keep"))).toBe(200)
    expect(await post("/store/drop", body, signedFor("drop"))).toBe(200)
  })
})
