/**
 * A running Axon on 127.0.0.1 against crafted bad requests: each must be refused with the right status and message
 * before it reaches the handler, and the Axon must keep answering good requests during and after. Then a seeded
 * fuzz of 1000 random requests: none accepted, no crash.
 */
import { cryptoWaitReady } from "@polkadot/util-crypto"
import { Effect, Schema } from "effect"
import { randomUUID } from "node:crypto"
import { request } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import type { Keypair } from "../../keys/Keys.ts"
import { keypairFromUri, signMessage } from "../../keys/Keys.ts"
import type { Metagraph } from "../../metagraph/Metagraph.ts"
import { defaultCallerPolicy, minerEndpoint } from "../../neuron/minerEndpoint.ts"
import { defineSubnet } from "../../subnet/defineSubnet.ts"
import { seededRandom } from "../../subnet/seededRandom.ts"
import type { RunningAxon } from "./Axon.ts"
import { startAxon } from "./Axon.ts"
import { HEADERS, signedMessage, signHeaders } from "./signing.ts"
import { packWs, unpackWs } from "./WsFrame.ts"

let handlerCalls = 0
const battery = defineSubnet({
  name: "battery",
  version: "1.0.0",
  task: Schema.Struct({ a: Schema.Int, b: Schema.Int }),
  response: Schema.Struct({ sum: Schema.Int }),
  miner: (task) =>
    Effect.suspend(() => {
      handlerCalls++
      if (task.a === -1) return Effect.die(new Error("boom"))
      if (task.a === -2) return Effect.never
      return Effect.succeed({ sum: task.a + task.b })
    }),
  validator: {
    generate: () => Effect.succeed({ a: 1, b: 2 }),
    score: (_t, answers) => Effect.succeed(answers.map(() => 1)),
  },
})

let keys: Record<"miner" | "validator" | "noPermit" | "lowStake" | "stranger", Keypair>
let axon: RunningAxon
let graph: Metagraph
const logLines: Array<Record<string, unknown>> = []
const MAX_BODY = 4096

beforeAll(async () => {
  await cryptoWaitReady()
  keys = {
    miner: keypairFromUri("//battery/miner"),
    validator: keypairFromUri("//battery/validator"),
    noPermit: keypairFromUri("//battery/no-permit"),
    lowStake: keypairFromUri("//battery/low-stake"),
    stranger: keypairFromUri("//battery/stranger"),
  }
  graph = {
    hotkeys: [keys.validator.address, keys.noPermit.address, keys.lowStake.address, keys.miner.address],
    validatorPermit: [true, false, true, false],
    stakeRao: [10_000_000_000n, 10_000_000_000n, 1_000n, 0n],
  } as unknown as Metagraph
  const endpoint = minerEndpoint({
    subnet: battery,
    hotkey: keys.miner.address,
    policy: { ...defaultCallerPolicy, minStakeRao: 5_000_000_000n },
    metagraph: () => graph,
  })
  axon = await startAxon({
    endpoint: { ...endpoint, limits: { maxRequestBytes: MAX_BODY, maxResponseBytes: MAX_BODY } },
    pair: keys.miner,
    run: Effect.runPromise,
    // This file checks each refusal's answer; the refusal budget has its own test (AxonLoad.test.ts).
    refusalBudget: { perIp: 1e9, perCaller: 1e9 },
    maxDeadlineMs: 300,
    requestTimeoutMs: 1_000,
    log: (line) => logLines.push(line),
  })
})

afterAll(() => axon.close())

interface Sent {
  readonly status: number
  readonly body: { error?: string; message?: string; sum?: number }
}

/** Sends raw bytes with raw headers. */
function send(
  options: {
    body?: string | Buffer
    headers?: Record<string, string>
    path?: string
    method?: string
    trickleMs?: number
  },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body)
    const req = request({
      host: axon.host,
      port: axon.port,
      method: options.method ?? "POST",
      path: options.path ?? "/battery",
      headers: {
        "content-type": "application/json",
        ...(options.trickleMs ? {} : { "content-length": String(body.length) }),
        ...options.headers,
      },
    }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString()
        let parsed = {}
        try {
          parsed = JSON.parse(text)
        } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body: parsed })
      })
    })
    req.on(
      "error",
      (
        e,
      ) => (e.message.includes("socket hang up") || e.message.includes("ECONNRESET")
        ? resolve({ status: 0, body: {} })
        : reject(e)),
    )
    if (options.trickleMs) {
      req.write(body.subarray(0, 1))
      setTimeout(() => req.end(body.subarray(1)), options.trickleMs)
    } else {
      req.end(body)
    }
  })
}

/** Correctly signed headers, then overridden. */
function signed(
  body: string,
  overrides: { by?: Keypair; for?: string; timestamp?: number; uuid?: string } = {},
): Record<string, string> {
  return signHeaders(
    overrides.by ?? keys.validator,
    Buffer.from(body),
    overrides.for ?? keys.miner.address,
    overrides.timestamp ?? Date.now(),
    overrides.uuid ?? randomUUID(),
  )
}

const GOOD = JSON.stringify({ a: 2, b: 3 })
const without = (headers: Record<string, string>, ...names: Array<string>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k)))

async function expectGoodStillServed() {
  const r = await send({ body: GOOD, headers: signed(GOOD) })
  expect(r.status).toBe(200)
  expect(r.body.sum).toBe(5)
}

type Case = readonly [
  name: string,
  make: () => Parameters<typeof send>[0] | Promise<Parameters<typeof send>[0]>,
  status: number,
  error: string,
  message: RegExp,
]

const cases: ReadonlyArray<Case> = [
  [
    "no headers at all",
    () => ({ body: GOOD }),
    400,
    "bad-request",
    /missing header\(s\): epistula-timestamp, epistula-uuid, epistula-signed-by, epistula-signed-for/,
  ],
  ...[HEADERS.timestamp, HEADERS.uuid, HEADERS.signedBy, HEADERS.signedFor].map((
    h,
  ): Case => [
    `missing ${h}`,
    () => ({ body: GOOD, headers: without(signed(GOOD), h) }),
    400,
    "bad-request",
    new RegExp(`missing header\\(s\\): ${h}`),
  ]),
  [
    "missing signature",
    () => ({ body: GOOD, headers: without(signed(GOOD), HEADERS.signature) }),
    401,
    "bad-signature",
    /missing or empty signature/,
  ],
  [
    "empty signature",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signature]: "" } }),
    401,
    "bad-signature",
    /missing or empty signature/,
  ],
  [
    "garbage signature",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signature]: "0xzz" } }),
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "signature too short",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signature]: "0x" + "ab".repeat(32) } }),
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "signature of zeros",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signature]: "0x" + "00".repeat(64) } }),
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "signed by another key than claimed",
    () => {
      const h = signed(GOOD, { by: keys.stranger })
      return { body: GOOD, headers: { ...h, [HEADERS.signedBy]: keys.validator.address } }
    },
    401,
    "bad-signature",
    /does not verify/,
  ],
  // The caller policy runs on the claimed signer before any crypto: a claim it refuses is 403 without a verify.
  [
    "claims to be the miner itself",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signedBy]: keys.miner.address } }),
    403,
    "not-allowed",
    /no validator permit/,
  ],
  [
    "signed-by is not an address",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signedBy]: "not-an-address" } }),
    403,
    "not-allowed",
    /is not registered/,
  ],
  [
    "signed-by of 600 characters",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.signedBy]: "5".repeat(600) } }),
    403,
    "not-allowed",
    /is not registered/,
  ],
  [
    "an unregistered caller with a stale timestamp and a bad signature",
    () => ({
      body: GOOD,
      headers: { ...signed(GOOD, { by: keys.stranger, timestamp: 0 }), [HEADERS.signature]: "0x" + "00".repeat(64) },
    }),
    403,
    "not-allowed",
    /is not registered/,
  ],
  [
    "unknown request kind",
    () => ({ body: GOOD, headers: signed(GOOD), path: "/battery/store" }),
    404,
    "unknown-task",
    /no request kind "store"/,
  ],
  [
    "signature for another target",
    () => ({ body: GOOD, headers: signed(GOOD, { for: keys.validator.address }) }),
    401,
    "bad-signature",
    /signed for .* not for/,
  ],
  [
    "target header changed after signing",
    () => {
      const h = signed(GOOD, { for: keys.validator.address })
      return { body: GOOD, headers: { ...h, [HEADERS.signedFor]: keys.miner.address } }
    },
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "uuid changed after signing",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.uuid]: randomUUID() } }),
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "timestamp changed by 1 ms after signing",
    () => {
      const h = signed(GOOD)
      return { body: GOOD, headers: { ...h, [HEADERS.timestamp]: String(Number(h[HEADERS.timestamp]) + 1) } }
    },
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "stale timestamp",
    () => ({ body: GOOD, headers: signed(GOOD, { timestamp: Date.now() - 60_000 }) }),
    401,
    "bad-signature",
    /stale by/,
  ],
  [
    "future timestamp",
    () => ({ body: GOOD, headers: signed(GOOD, { timestamp: Date.now() + 60_000 }) }),
    401,
    "bad-signature",
    /in the future by/,
  ],
  ["timestamp 0", () => ({ body: GOOD, headers: signed(GOOD, { timestamp: 0 }) }), 401, "bad-signature", /stale by/],
  [
    "timestamp not a number",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.timestamp]: "yesterday" } }),
    400,
    "bad-request",
    /is not milliseconds/,
  ],
  [
    "negative timestamp",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.timestamp]: "-5" } }),
    400,
    "bad-request",
    /is not milliseconds/,
  ],
  [
    "uuid not a uuid",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.uuid]: "<script>" } }),
    400,
    "bad-request",
    /uuid is not a UUID/,
  ],
  [
    "uuid of 100 characters",
    () => ({ body: GOOD, headers: { ...signed(GOOD), [HEADERS.uuid]: "a".repeat(100) } }),
    400,
    "bad-request",
    /uuid is not a UUID/,
  ],
  [
    "tampered body",
    () => ({ body: JSON.stringify({ a: 9, b: 9 }), headers: signed(GOOD) }),
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "body with an extra space",
    () => ({ body: GOOD + " ", headers: signed(GOOD) }),
    401,
    "bad-signature",
    /does not verify/,
  ],
  [
    "declared body over the limit",
    () => ({ body: "x".repeat(MAX_BODY + 1), headers: signed("x".repeat(MAX_BODY + 1)) }),
    413,
    "too-large",
    /exceeds 4096/,
  ],
  [
    "chunked body over the limit",
    () => ({
      body: "y".repeat(MAX_BODY * 2),
      headers: { ...signed("y"), "transfer-encoding": "chunked" },
      trickleMs: 10,
    }),
    413,
    "too-large",
    /exceeds 4096 bytes/,
  ],
  [
    "unregistered hotkey",
    () => ({ body: GOOD, headers: signed(GOOD, { by: keys.stranger }) }),
    403,
    "not-allowed",
    /is not registered/,
  ],
  [
    "registered without a validator permit",
    () => ({ body: GOOD, headers: signed(GOOD, { by: keys.noPermit }) }),
    403,
    "not-allowed",
    /no validator permit/,
  ],
  [
    "stake below the minimum",
    () => ({ body: GOOD, headers: signed(GOOD, { by: keys.lowStake }) }),
    403,
    "not-allowed",
    /below 5000000000/,
  ],
  [
    "the miner calling itself",
    () => ({ body: GOOD, headers: signed(GOOD, { by: keys.miner }) }),
    403,
    "not-allowed",
    /no validator permit/,
  ],
  ["malformed JSON", () => ({ body: "{a:", headers: signed("{a:") }), 400, "bad-request", /not JSON/],
  ["empty body", () => ({ body: "", headers: signed("") }), 400, "bad-request", /not JSON/],
  ["JSON null", () => ({ body: "null", headers: signed("null") }), 400, "bad-request", /schema/],
  ["JSON array", () => ({ body: "[1,2]", headers: signed("[1,2]") }), 400, "bad-request", /schema/],
  [
    "wrong field type",
    () => ({ body: "{\"a\":\"x\",\"b\":1}", headers: signed("{\"a\":\"x\",\"b\":1}") }),
    400,
    "bad-request",
    /schema/,
  ],
  ["missing field", () => ({ body: "{\"a\":1}", headers: signed("{\"a\":1}") }), 400, "bad-request", /schema/],
  [
    "float where an int is required",
    () => ({ body: "{\"a\":1.5,\"b\":1}", headers: signed("{\"a\":1.5,\"b\":1}") }),
    400,
    "bad-request",
    /schema/,
  ],
  [
    "number too large to be finite",
    () => ({ body: "{\"a\":1e400,\"b\":1}", headers: signed("{\"a\":1e400,\"b\":1}") }),
    400,
    "bad-request",
    /schema/,
  ],
  [
    "deeply nested value",
    () => {
      const deep = "{\"a\":" + "[".repeat(500) + "]".repeat(500) + ",\"b\":1}"
      return { body: deep, headers: signed(deep) }
    },
    400,
    "bad-request",
    /schema/,
  ],
  ["string body", () => ({ body: "\"hello\"", headers: signed("\"hello\"") }), 400, "bad-request", /schema/],
  [
    "unknown task path",
    () => ({ body: GOOD, headers: signed(GOOD), path: "/other" }),
    404,
    "unknown-task",
    /POST \/battery/,
  ],
  ["root path", () => ({ body: GOOD, headers: signed(GOOD), path: "/" }), 404, "unknown-task", /POST \/battery/],
  [
    "path with a query",
    () => ({ body: GOOD, headers: signed(GOOD), path: "/battery?x=1" }),
    404,
    "unknown-task",
    /POST \/battery/,
  ],
  ["GET", () => ({ body: GOOD, headers: signed(GOOD), method: "GET" }), 404, "unknown-task", /no request kind at GET/],
  ["PUT", () => ({ body: GOOD, headers: signed(GOOD), method: "PUT" }), 404, "unknown-task", /no request kind at PUT/],
  [
    "DELETE",
    () => ({ body: GOOD, headers: signed(GOOD), method: "DELETE" }),
    404,
    "unknown-task",
    /no request kind at DELETE/,
  ],
  [
    "version header garbage but signature fine",
    () => ({ body: "{bad", headers: { ...signed("{bad"), [HEADERS.version]: "999" } }),
    400,
    "bad-request",
    /not JSON/,
  ],
  [
    "signature over the right message by a registered key but another body hash",
    () => {
      const uuid = randomUUID()
      const ts = Date.now()
      const sig = signMessage(keys.validator, signedMessage(Buffer.from("other"), uuid, ts, keys.miner.address))
      return { body: GOOD, headers: { ...signed(GOOD, { uuid, timestamp: ts }), [HEADERS.signature]: sig } }
    },
    401,
    "bad-signature",
    /does not verify/,
  ],
]

describe("Axon refuses bad requests before the handler", () => {
  it(`behavior: ${cases.length} crafted bad requests each get the right status and message`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(50)
    for (const [name, make, status, error, message] of cases) {
      const before = handlerCalls
      const r = await send(await make())
      expect([name, r.status], name).toEqual([name, status])
      if (r.status !== 0) {
        expect([name, r.body.error], name).toEqual([name, error])
        expect(r.body.message, name).toMatch(message)
      }
      expect(handlerCalls - before, `${name} reached the handler`).toBe(0)
      await expectGoodStillServed()
    }
  })

  it("behavior: a replayed request is refused, the original answered once", async () => {
    const headers = signed(GOOD)
    expect((await send({ body: GOOD, headers })).status).toBe(200)
    const before = handlerCalls
    const replay = await send({ body: GOOD, headers })
    expect(replay.status).toBe(401)
    expect(replay.body.message).toMatch(/already used \(replay\)/)
    expect(handlerCalls).toBe(before)
  })

  it("behavior: a handler that throws is a 500, one that hangs is a 408; the Axon keeps serving", async () => {
    const boom = JSON.stringify({ a: -1, b: 0 })
    const hang = JSON.stringify({ a: -2, b: 0 })
    const thrown = await send({ body: boom, headers: signed(boom) })
    expect([thrown.status, thrown.body.error]).toEqual([500, "handler-failed"])
    const hung = await send({ body: hang, headers: { ...signed(hang), "x-timeout-ms": "100" } })
    expect([hung.status, hung.body.error]).toEqual([408, "deadline"])
    await expectGoodStillServed()
  })

  it("behavior: a slow client is cut off with 408 and the Axon keeps serving", async () => {
    const r = await send({ body: GOOD, headers: signed(GOOD), trickleMs: 1_500 })
    expect(r.status).toBe(408)
    expect(r.body.message).toMatch(/did not arrive within 1000 ms/)
    await expectGoodStillServed()
  })

  it("behavior: refusals are logged as counts per reason per interval, not one line each", async () => {
    const lines: Array<Record<string, unknown>> = []
    const quiet = await startAxon({
      endpoint: minerEndpoint({
        subnet: battery,
        hotkey: keys.miner.address,
        policy: defaultCallerPolicy,
        metagraph: () => graph,
      }),
      pair: keys.miner,
      run: Effect.runPromise,
      refusalBudget: { perIp: 1e9, perCaller: 1e9 },
      refusalLogIntervalMs: 200,
      log: (line) => lines.push(line),
    })
    const to = (path: string, headers: Record<string, string>) =>
      new Promise<void>((resolve) =>
        request({
          host: quiet.host,
          port: quiet.port,
          method: "POST",
          path,
          headers: { "content-length": String(GOOD.length), ...headers },
        }, (res) => res.resume().on("end", resolve)).end(GOOD)
      )
    await Promise.all([
      ...Array.from({ length: 30 }, () => to("/battery", signed(GOOD, { by: keys.stranger }))),
      ...Array.from({ length: 20 }, () => to("/nowhere", {})),
    ])
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 50)) // the next interval's line
    await quiet.close() // flushes what is left
    const counted = lines as Array<
      { event: string; total: number; byReason: Record<string, { status: number; count: number; example: string }> }
    >
    expect(counted.every((l) => l.event === "axon.refusals")).toBe(true)
    expect(counted.reduce((sum, l) => sum + l.total, 0)).toBe(50)
    expect(Math.max(...counted.map((l) => l.total))).toBeGreaterThanOrEqual(10) // many refusals, one line
    const sum = (reason: string) => counted.reduce((n, l) => n + (l.byReason[reason]?.count ?? 0), 0)
    expect([sum("not-allowed"), sum("unknown-task")]).toEqual([30, 20])
    expect(counted.find((l) => l.byReason["not-allowed"])!.byReason["not-allowed"]!.example).toMatch(
      /is not registered/,
    )
  })

  it("property: 1000 seeded random requests: none accepted, no crash", async () => {
    const random = seededRandom(4242)
    const pick = <A>(xs: ReadonlyArray<A>) => xs[random.int(xs.length)]!
    const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + random.int(95))).join("")
    const before = handlerCalls
    let accepted = 0
    for (let batch = 0; batch < 50; batch++) {
      const results = await Promise.all(Array.from({ length: 20 }, () => {
        const body = pick([GOOD, junk(random.int(200)), "{}", JSON.stringify({ a: random.int(9), b: junk(3) }), ""])
        const real = signed(body, { by: pick([keys.validator, keys.stranger, keys.noPermit]) })
        const headers: Record<string, string> = {}
        for (const name of Object.values(HEADERS)) {
          const roll = random.int(6)
          if (roll === 0) continue // drop it
          headers[name] = roll === 1 ? junk(random.int(80)) : roll === 2 ? "" : real[name]!
        }
        // Always break at least one thing, so a correct request never counts as a fuzz acceptance.
        headers[HEADERS.signature] = random.int(2) === 0 ? junk(130) : "0x" + "f".repeat(128)
        return send({
          body,
          headers,
          path: pick(["/battery", "/battery", "/x", "/" + encodeURIComponent(junk(5))]),
          method: pick(["POST", "POST", "POST", "GET"]),
        })
      }))
      accepted += results.filter((r) => r.status === 200).length
    }
    expect(accepted).toBe(0)
    expect(handlerCalls).toBe(before)
    await expectGoodStillServed()
  }, 120_000)
})

describe("Axon over WebSocket: the same checks per message", () => {
  const open = (path = "/battery/ws") => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://${axon.host}:${axon.port}${path}`)
    ws.once("open", () => resolve(ws))
    ws.once("error", reject)
  })
  const exchange = (ws: WebSocket, message: Buffer | string) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      ws.once("message", (data: Buffer) => {
        const frame = unpackWs(data)!
        resolve({ status: frame.header.status as number, body: frame.body.toString() })
      })
      ws.send(message)
    })
  const envelope = (body: string, headers: Record<string, string>, kind = "task") =>
    packWs({ id: randomUUID(), kind, headers, timeoutMs: 1000 }, Buffer.from(body))

  it("behavior: a signed message is answered; bad signature, replay and malformed envelopes are refused", async () => {
    const ws = await open()
    const headers = signed(GOOD)
    const ok = await exchange(ws, envelope(GOOD, headers))
    expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { sum: 5 }])
    const before = handlerCalls
    const replay = await exchange(ws, envelope(GOOD, headers))
    expect([replay.status, JSON.parse(replay.body).error]).toEqual([401, "bad-signature"])
    const forged = await exchange(ws, envelope(GOOD, { ...signed(GOOD), [HEADERS.signature]: "" }))
    expect([forged.status, JSON.parse(forged.body).message]).toEqual([401, "missing or empty signature"])
    const stranger = await exchange(ws, envelope(GOOD, signed(GOOD, { by: keys.stranger })))
    expect(stranger.status).toBe(403)
    const malformed = await exchange(ws, "not json")
    expect([malformed.status, JSON.parse(malformed.body).error]).toEqual([400, "bad-request"])
    const garbled = await exchange(ws, Buffer.from([0, 0, 0, 200, 1, 2]))
    expect([garbled.status, JSON.parse(garbled.body).error]).toEqual([400, "bad-request"])
    const unknownKind = await exchange(ws, envelope(GOOD, signed(GOOD), "store"))
    expect([unknownKind.status, JSON.parse(unknownKind.body).error]).toEqual([404, "unknown-task"])
    expect(handlerCalls).toBe(before)
    ws.close()
  })

  it("error: an oversized message closes the socket (1009); an unknown path is refused at upgrade", async () => {
    const ws = await open()
    const code = await new Promise<number>((resolve) => {
      ws.once("close", (c) => resolve(c))
      ws.send(Buffer.alloc(MAX_BODY + 128 * 1024))
    })
    expect(code).toBe(1009)
    await expect(open("/nowhere/ws")).rejects.toThrow(/404/)
    await expectGoodStillServed()
  })
})
