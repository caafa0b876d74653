/**
 * Transport costs on loopback (issue #4): one validator round to 256 miners (echo handler, hosted in a second
 * process so each side has its own core, as on real machines) — median and p99 ms — with signed requests and
 * answers over HTTP and over WebSocket versus the same round unsigned, and requests per second one Axon serves.
 * Goals: signed ≤ 1.3× unsigned; a round to 256 miners under 100 ms median.
 */
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import type { FramingBench } from "./transportFraming.ts"
import { benchFraming } from "./transportFraming.ts"
import type { LoadBench } from "./transportLoad.ts"
import { benchLoad } from "./transportLoad.ts"

export interface TransportBench {
  readonly miners: number
  readonly rounds: number
  readonly signedMedianMs: number
  readonly signedP99Ms: number
  readonly unsignedMedianMs: number
  readonly unsignedP99Ms: number
  readonly signedWsMedianMs: number
  readonly signedWsP99Ms: number
  readonly signedOverUnsigned: number
  readonly axonRequestsPerSecond: number
  /** The validator process's CPU per request in the signed HTTP round (µs), with the sr25519 floor in `load`. */
  readonly validatorCpuUsPerRequest: number
  readonly framing: FramingBench
  readonly load: LoadBench
}

const quantile = (xs: Array<number>, q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

/** Starts the miners' process and returns their ports, its pid and a stop function. */
export async function startMinerHost(
  count: number,
  signed: boolean,
  validator: string,
  kind: "echo" | "bulk" = "echo",
) {
  const child = spawn(process.execPath, [
    "--import",
    "tsx",
    join(import.meta.dirname, "minerHost.ts"),
    String(count),
    signed ? "signed" : "unsigned",
    validator,
    kind,
  ], {
    stdio: ["pipe", "pipe", "inherit"],
  })
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string]
  const { ports } = JSON.parse(line) as { ports: Array<number> }
  return { ports, pid: child.pid!, stop: () => child.stdin!.end() }
}

export async function benchTransport(miners = 256, rounds = 30): Promise<TransportBench> {
  await Effect.runPromise(keysReady)
  const validator = keypairFromUri("//bench/validator")
  const keys = Array.from({ length: miners }, (_, i) => keypairFromUri(`//bench/miner/${i}`))
  const round = async (dendrite: Dendrite, ports: ReadonlyArray<number>) => {
    const t0 = performance.now()
    const replies = await Promise.all(
      ports.map((port, i) =>
        dendrite.call(
          { ip: "127.0.0.1", port },
          { subnet: "echo", kind: "task", caller: validator.address, target: keys[i]!.address, body: { n: i } },
          { timeoutMs: 5_000 },
        )
      ),
    )
    const ms = performance.now() - t0
    if (replies.some((r) => r.status !== "ok")) {
      throw new Error(`a bench round failed: ${JSON.stringify(replies.find((r) => r.status !== "ok"))}`)
    }
    return ms
  }
  const measure = async (signed: boolean, protocol: "http" | "ws") => {
    const host = await startMinerHost(miners, signed, validator.address)
    const dendrite = new Dendrite({ keys: [validator], signing: signed, maxSocketsPerHost: 2, protocol })
    for (let w = 0; w < 3; w++) await round(dendrite, host.ports) // warm-up: connections, JIT
    const times: Array<number> = []
    const cpu0 = process.cpuUsage()
    for (let r = 0; r < rounds; r++) times.push(await round(dendrite, host.ports))
    const cpu = process.cpuUsage(cpu0)
    dendrite.close()
    host.stop()
    return Object.assign(times, { cpuUsPerRequest: (cpu.user + cpu.system) / (rounds * miners) })
  }
  const unsigned = await measure(false, "http")
  const signed = await measure(true, "http")
  const signedWs = await measure(true, "ws")

  // Requests per second of one Axon (its own process), signed, 64 in flight.
  const host = await startMinerHost(1, true, validator.address)
  const dendrite = new Dendrite({ keys: [validator], maxSocketsPerHost: 64 })
  const total = 3_000
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next++ < total) {
      await dendrite.call(
        { ip: "127.0.0.1", port: host.ports[0]! },
        { subnet: "echo", kind: "task", caller: validator.address, target: keys[0]!.address, body: { n: next } },
        { timeoutMs: 5_000 },
      )
    }
  }))
  const seconds = (performance.now() - t0) / 1000
  dendrite.close()
  host.stop()

  const signedMedianMs = quantile(signed, 0.5)
  const unsignedMedianMs = quantile(unsigned, 0.5)
  return {
    miners,
    rounds,
    signedMedianMs,
    signedP99Ms: quantile(signed, 0.99),
    unsignedMedianMs,
    unsignedP99Ms: quantile(unsigned, 0.99),
    signedWsMedianMs: quantile(signedWs, 0.5),
    signedWsP99Ms: quantile(signedWs, 0.99),
    signedOverUnsigned: signedMedianMs / unsignedMedianMs,
    axonRequestsPerSecond: total / seconds,
    validatorCpuUsPerRequest: signed.cpuUsPerRequest,
    framing: await benchFraming(),
    load: await benchLoad(),
  }
}
