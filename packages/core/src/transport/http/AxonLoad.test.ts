/**
 * The Axon's limits under load, in process on 127.0.0.1: the refusal budget (per IP and caller) and the connection
 * caps. The same behaviours under real flooding processes are in test/axonHostile.test.ts.
 */
import { Effect } from "effect"
import { randomUUID } from "node:crypto"
import { request } from "node:http"
import type { Socket } from "node:net"
import { connect } from "node:net"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import type { Keypair } from "../../keys/Keys.ts"
import { keypairFromUri, keysReady } from "../../keys/Keys.ts"
import type { MinerEndpoint } from "../Transport.ts"
import { defaultLimits } from "../Transport.ts"
import type { AxonOptions, RunningAxon } from "./Axon.ts"
import { startAxon } from "./Axon.ts"
import { Dendrite } from "./Dendrite.ts"
import { signHeaders } from "./signing.ts"

let miner: Keypair
let validator: Keypair
let stranger: Keypair
let axon: RunningAxon | undefined
beforeAll(async () => {
  await Effect.runPromise(keysReady)
  ;[miner, validator, stranger] = ["//load/miner", "//load/validator", "//load/stranger"].map(keypairFromUri) as [
    Keypair,
    Keypair,
    Keypair,
  ]
})
afterEach(() => axon?.close())

const start = async (options: Partial<AxonOptions> = {}, endpointOverrides: Partial<MinerEndpoint> = {}) => {
  const endpoint: MinerEndpoint = {
    hotkey: miner.address,
    subnet: "load",
    kinds: ["task"],
    limits: defaultLimits,
    priority: () => 0n,
    admit: (caller) => (caller === validator.address ? null : `caller ${caller} is not registered`),
    handle: (r) => Effect.succeed({ status: "ok", body: r.body }),
    ...endpointOverrides,
  }
  axon = await startAxon({ endpoint, pair: miner, run: Effect.runPromise, log: () => {}, ...options })
  return axon
}

const post = (port: number, by: Keypair) => new Promise<number>((resolve, reject) => {
  const body = Buffer.from("{}")
  const headers = { "content-length": "2", ...signHeaders(by, body, miner.address, Date.now(), randomUUID()) }
  request({ host: "127.0.0.1", port, method: "POST", path: "/load/task", headers }, (res) => {
    res.resume().on("end", () => resolve(res.statusCode ?? 0))
  }).on("error", reject).end(body)
})

const served = async (port: number) => {
  const dendrite = new Dendrite({ keys: [validator] })
  const reply = await dendrite.call(
    { ip: "127.0.0.1", port },
    { subnet: "load", kind: "task", caller: validator.address, target: miner.address, body: { ok: 1 } },
    { timeoutMs: 5_000 },
  )
  dendrite.close()
  return reply
}

describe("Axon limits", () => {
  it("behavior: past its refusal budget an unadmitted caller gets a constant 429; the admitted validator is still served", async () => {
    const { port } = await start({ refusalBudget: { perIp: 1_000, perCaller: 2 } }) // burst: 2 × 2 refusals
    const statuses: Array<number> = []
    for (let i = 0; i < 10; i++) statuses.push(await post(port, stranger))
    expect(statuses.slice(0, 4)).toEqual([403, 403, 403, 403])
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true)
    expect(await served(port)).toEqual({ status: "ok", body: { ok: 1 } })
  })

  it("behavior: overloaded, the Axon serves the higher stake: a full queue of low-stake requests gives way to the validator", async () => {
    const { port } = await start(
      { maxConcurrent: 1, maxQueued: 3 },
      {
        admit: () => null, // both are registered validators; the stranger has the lower stake
        priority: (caller) => (caller === validator.address ? 1_000n : 1n),
        handle: (r) => Effect.as(Effect.sleep("100 millis"), { status: "ok" as const, body: r.body }),
      },
    )
    const low = Array.from({ length: 8 }, () => post(port, stranger))
    await new Promise((resolve) => setTimeout(resolve, 50)) // the low-stake requests have filled the slot and the queue
    const high = await served(port)
    const lows = await Promise.all(low)
    expect(high).toEqual({ status: "ok", body: { ok: 1 } })
    expect(lows.filter((s) => s === 503).length).toBeGreaterThanOrEqual(5) // 8 − 1 running − 3 queued + 1 given way
  })

  it("behavior: at the per-IP cap a new connection evicts a silent one, so the validator still gets in", async () => {
    const { port } = await start({ maxConnectionsPerIp: 20 })
    const sockets: Array<Socket> = []
    let closed = 0
    await Promise.all(Array.from({ length: 50 }, () => new Promise<void>((resolve) => {
      const s = connect(port, "127.0.0.1").on("error", () => {})
      s.once("close", () => closed++)
      s.once("connect", () => resolve())
      sockets.push(s)
    })))
    expect(await served(port)).toEqual({ status: "ok", body: { ok: 1 } })
    const stats = axon!.connections()
    expect(stats.open).toBeLessThanOrEqual(20)
    expect(stats.evicted).toBeGreaterThanOrEqual(31)
    for (const s of sockets) s.destroy()
    expect(closed).toBeGreaterThan(0)
  })

  it("behavior: a connection that never sends a byte is closed after the idle timeout", async () => {
    const { port } = await start({ idleTimeoutMs: 300 })
    const t0 = performance.now()
    const lifetime = await new Promise<number>((resolve) => {
      connect(port, "127.0.0.1").on("error", () => {}).once("close", () => resolve(performance.now() - t0))
    })
    expect(lifetime).toBeGreaterThanOrEqual(290)
    expect(lifetime).toBeLessThan(3_000)
    expect(axon!.connections().closedIdle).toBe(1)
  })
})
