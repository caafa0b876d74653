/**
 * The Axon under hostile load (issue 16), as real processes on 127.0.0.1: a miner's Axon in one process
 * (`fixtures/axonHost.ts`), flooding clients in others (`fixtures/flood.ts`), the registered validator here. Every
 * wait is for an event or a reply, bounded by generous ceilings, so the tests hold on a busy 2-core machine.
 */
import { Effect } from "effect"
import type { ChildProcess } from "node:child_process"
import { spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import type { Socket } from "node:net"
import { connect } from "node:net"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import type { Keypair } from "../packages/core/src/keys/Keys.ts"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import { signHeaders } from "../packages/core/src/transport/http/signing.ts"
import { packWs } from "../packages/core/src/transport/http/WsFrame.ts"
import type { WireReply } from "../packages/core/src/transport/Transport.ts"

const children = new Set<ChildProcess>()
afterAll(() => {
  for (const child of children) {
    try {
      process.kill(child.pid!, "SIGKILL")
    } catch { /* already gone */ }
  }
})

/** A fixture process; `next(pattern)` resolves with the next stdout line matching it (after those already seen). */
function fixture(script: string, config: unknown) {
  const child = spawn(process.execPath, [
    "--import",
    "tsx",
    join(import.meta.dirname, "fixtures", script),
    JSON.stringify(config),
  ], {
    stdio: ["pipe", "pipe", "pipe"],
    cwd: join(import.meta.dirname, ".."),
  })
  children.add(child)
  child.on("exit", () => children.delete(child))
  const stderr: Array<string> = []
  createInterface({ input: child.stderr! }).on("line", (line) => stderr.push(line))
  const queue: Array<string> = []
  const waiting: Array<(line: string) => void> = []
  createInterface({ input: child.stdout! }).on(
    "line",
    (line) => (waiting.length > 0 ? waiting.shift()!(line) : queue.push(line)),
  )
  const nextLine = (timeoutMs: number) => new Promise<string>((resolve, reject) => {
    if (queue.length > 0) return resolve(queue.shift()!)
    const timer = setTimeout(
      () => reject(new Error(`${script}: no output within ${timeoutMs} ms; stderr:\n${stderr.slice(-5).join("\n")}`)),
      timeoutMs,
    )
    waiting.push((line) => (clearTimeout(timer), resolve(line)))
  })
  return {
    child,
    stderr,
    json: async <A>(timeoutMs = 30_000): Promise<A> => JSON.parse(await nextLine(timeoutMs)) as A,
    stop: () => child.stdin!.end(),
  }
}

interface Stats {
  readonly rss: number
  readonly connections: {
    readonly open: number
    readonly webSockets: number
    readonly closedIdle: number
    readonly evicted: number
  }
  readonly counts: Record<string, number>
  readonly logLines: number
}

async function startHost(config: Record<string, unknown>) {
  const host = fixture("axonHost.ts", { validator: validator.address, ...config })
  const ready = await host.json<{ port: number; hotkey: string; proxyPort?: number }>()
  const stats = async () => {
    host.child.stdin!.write("stats\n")
    return (await host.json<{ stats: Stats }>()).stats
  }
  return { ...ready, host, stats }
}

let validator: Keypair
beforeAll(async () => {
  await Effect.runPromise(keysReady)
  validator = keypairFromUri("//hostile/validator")
})

/** Measured numbers, printed when AXON_HOSTILE_REPORT is set (for the issue note); the assertions do not need them. */
const report = (what: string, numbers: Record<string, unknown>) => {
  if (process.env.AXON_HOSTILE_REPORT) process.stderr.write(`[axon-hostile] ${what} ${JSON.stringify(numbers)}\n`)
}

const quantile = (xs: ReadonlyArray<number>, q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!

/** The registered validator's requests, over both protocols, until `until` resolves: each reply and its latency. */
async function validatorTraffic(port: number, hotkey: string, until: Promise<unknown>, everyMs = 25) {
  const dendrites = {
    http: new Dendrite({ keys: [validator] }),
    ws: new Dendrite({ keys: [validator], protocol: "ws" }),
  }
  const results: Array<{ reply: WireReply; ms: number }> = []
  let done = false
  void until.finally(() => (done = true))
  let i = 0
  const inFlight: Array<Promise<void>> = []
  while (!done) {
    const dendrite = i++ % 2 === 0 ? dendrites.http : dendrites.ws
    const t0 = performance.now()
    inFlight.push(
      dendrite.call(
        { ip: "127.0.0.1", port },
        { subnet: "echo", kind: "task", caller: validator.address, target: hotkey, body: { i } },
        { timeoutMs: 10_000 },
      )
        .then((reply) => void results.push({ reply, ms: performance.now() - t0 })),
    )
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  await Promise.all(inFlight)
  dendrites.http.close()
  dendrites.ws.close()
  return results
}

describe("Axon under hostile load, real processes on 127.0.0.1", () => {
  it(
    "behavior: while an unregistered caller floods over HTTP and WebSocket (≥ 1000 requests/s, signed live), the validator is served with p99 < 1 s (or 2× its calm p99 on a machine busier than that) and never refused as stale",
    async () => {
      const miner = await startHost({})
      // The same traffic without a flood first: on a machine too busy for 1 s even then, the ceiling is twice that.
      const calm = await validatorTraffic(
        miner.port,
        miner.hotkey,
        new Promise((resolve) => setTimeout(resolve, 2_000)),
      )
      const ceilingMs = Math.max(1_000, 2 * quantile(calm.map((r) => r.ms), 0.99))
      const floods = (["http", "ws"] as const).map((protocol) =>
        fixture("flood.ts", {
          port: miner.port,
          target: miner.hotkey,
          protocol,
          durationMs: 6_000,
          inFlight: protocol === "http" ? 16 : 4,
          rate: 1_200,
        })
      )
      await Promise.all(floods.map((f) => f.json<{ flooding: true }>(60_000))) // started up and signed: flooding now
      const totals = Promise.all(
        floods.map((f) => f.json<{ sent: number; seconds: number; byStatus: Record<string, number> }>(60_000)),
      )
      const results = await validatorTraffic(miner.port, miner.hotkey, totals)
      const [http, ws] = await totals
      const rate = http!.sent / http!.seconds + ws!.sent / ws!.seconds
      const stats = await miner.stats()
      miner.host.stop()

      report("flood", {
        rate,
        http,
        ws,
        calmP99: quantile(calm.map((r) => r.ms), 0.99),
        ceilingMs,
        validatorRequests: results.length,
        p50: quantile(results.map((r) => r.ms), 0.5),
        p99: quantile(results.map((r) => r.ms), 0.99),
        stats,
      })
      expect(rate, `flood rate; HTTP ${JSON.stringify(http)}, ws ${JSON.stringify(ws)}`).toBeGreaterThanOrEqual(1_000)
      expect(http!.byStatus["200"] ?? 0).toBe(0) // nothing of the flood was served
      expect(results.length).toBeGreaterThan(20)
      const failed = results.filter((r) => r.reply.status !== "ok")
      expect(failed.map((r) => r.reply), "the validator's requests that failed").toEqual([])
      expect(quantile(results.map((r) => r.ms), 0.99)).toBeLessThan(ceilingMs)
      expect(stats.logLines).toBeLessThan(20) // refusals are counted per interval, not logged each
    },
    90_000,
  )

  it(
    "behavior: a WebSocket client that keeps sending and never reads leaves the miner's RSS within 50 MB of idle, with a bounded log",
    async () => {
      const miner = await startHost({})
      await validatorTraffic(miner.port, miner.hotkey, new Promise((resolve) => setTimeout(resolve, 500))) // warm: JIT, pools
      const idle = await miner.stats()
      const stranger = keypairFromUri("//hostile/stranger")
      const body = Buffer.from("{\"n\":1}")
      const frame = packWs({
        id: randomUUID(),
        kind: "task",
        headers: signHeaders(stranger, body, miner.hotkey, Date.now(), randomUUID()),
      }, body)
      const end = performance.now() + 6_000
      let peak = idle.rss
      let opened = 0
      const sampler = setInterval(() => void miner.stats().then((s) => (peak = Math.max(peak, s.rss))), 300)
      while (performance.now() < end) {
        const ws = new WebSocket(`ws://127.0.0.1:${miner.port}/echo/ws`)
        opened++
        await new Promise<void>((resolve) => {
          ws.on("error", () => {})
          ws.on("close", () => resolve())
          ws.on("open", () => {
            ;(ws as unknown as { _socket: Socket })._socket.pause() // never read a reply
            const pump = () => {
              if (ws.readyState !== ws.OPEN) return
              if (performance.now() > end) return void ws.terminate()
              // As fast as the socket takes it: 1-byte junk and well-signed requests of an unregistered caller.
              while (ws.bufferedAmount < 1 << 20) ws.send(opened % 2 === 0 ? Buffer.of(1) : frame)
              setTimeout(pump, 1)
            }
            pump()
          })
        })
      }
      clearInterval(sampler)
      const during = await validatorTraffic(
        miner.port,
        miner.hotkey,
        new Promise((resolve) => setTimeout(resolve, 300)),
      )
      const after = await miner.stats()
      miner.host.stop()
      peak = Math.max(peak, after.rss)
      report("non-reading ws", {
        idleRss: idle.rss,
        peak,
        growthMB: (peak - idle.rss) / 2 ** 20,
        connectionsOpened: opened,
        logLines: after.logLines,
        counts: after.counts,
      })
      expect(during.every((r) => r.reply.status === "ok")).toBe(true)
      expect(peak - idle.rss, `idle ${idle.rss}, peak ${peak}`).toBeLessThan(50 << 20)
      expect(after.logLines).toBeLessThan(10)
    },
    90_000,
  )

  it(
    "behavior: 2000 idle connections (TCP and WebSocket) are closed within the idle timeout while the validator is served",
    async () => {
      const idleTimeoutMs = 3_000
      const miner = await startHost({
        axon: {
          idleTimeoutMs,
          maxConnections: 10_000,
          maxConnectionsPerIp: 10_000,
          maxWebSockets: 10_000,
          wsPingIntervalMs: 60_000,
        },
      })
      const lifetimes: Array<number> = []
      const closed = (n: number) => new Promise<void>((resolve) => {
        const check = setInterval(() => lifetimes.length >= n && (clearInterval(check), resolve()), 50)
      })
      // In batches, each connection timed from when it is established: 2000 SYNs at once overflow the listen backlog,
      // and a SYN retried a second later is the kernel's time, not the Axon's.
      type Silent = { once: (event: string, f: () => void) => unknown }
      const silent = async (count: number, open: () => Silent, established: string) => {
        for (let done = 0; done < count; done += 200) {
          await Promise.all(Array.from({ length: Math.min(200, count - done) }, () => new Promise<void>((resolve) => {
            const connection = open()
            connection.once(established, () => {
              const t0 = performance.now()
              connection.once("close", () => lifetimes.push(performance.now() - t0))
              resolve()
            })
            connection.once("close", () => resolve()) // never established: it will be missing from the count
          })))
        }
      }
      await silent(1_600, () => connect(miner.port, "127.0.0.1").on("error", () => {}), "connect")
      await silent(400, () => new WebSocket(`ws://127.0.0.1:${miner.port}/echo/ws`).on("error", () => {}), "open")
      const all = closed(2_000)
      const ceiling = new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`only ${lifetimes.length} of 2000 closed`)), 4 * idleTimeoutMs + 20_000)
      )
      const results = await validatorTraffic(miner.port, miner.hotkey, Promise.race([all, ceiling]), 50)
      await Promise.race([all, ceiling])
      const stats = await miner.stats()
      miner.host.stop()
      report("idle", {
        minLifetime: Math.min(...lifetimes),
        maxLifetime: Math.max(...lifetimes),
        validatorRequests: results.length,
        p99: quantile(results.map((r) => r.ms), 0.99),
        connections: stats.connections,
      })
      expect(results.filter((r) => r.reply.status !== "ok").map((r) => r.reply)).toEqual([])
      // Closed by the Axon's idle timer (sweeps every idle/4), not before the timeout and not much after it.
      expect(Math.min(...lifetimes)).toBeGreaterThan(idleTimeoutMs * 0.9)
      expect(Math.max(...lifetimes)).toBeLessThan(idleTimeoutMs * 3) // a generous ceiling: 2000 connects load this machine
      expect(stats.connections.closedIdle).toBeGreaterThanOrEqual(1_600)
    },
    90_000,
  )

  it(
    "error: a replayed earlier answer of the same miner is refused by the Dendrite as invalid, with the reason",
    async () => {
      const miner = await startHost({ replayProxy: true })
      const dendrite = new Dendrite({ keys: [validator] })
      const call = (i: number) =>
        dendrite.call(
          { ip: "127.0.0.1", port: miner.proxyPort! },
          { subnet: "echo", kind: "task", caller: validator.address, target: miner.hotkey, body: { i } },
          { timeoutMs: 10_000 },
        )
      const first = await call(1)
      const replayed = await call(2)
      dendrite.close()
      miner.host.stop()
      expect(first).toEqual({ status: "ok", body: { i: 1 } })
      expect(replayed.status).toBe("invalid")
      expect(replayed.status === "invalid" && replayed.detail).toMatch(
        /^answer is for request [0-9a-f-]{36}, not this request [0-9a-f-]{36}$/,
      )
    },
    60_000,
  )
})
