/**
 * Transport costs on loopback (issue #4): one validator round to 256 miners (echo handler) — median and p99 ms —
 * with signed requests and answers versus the same round unsigned, and requests per second one Axon serves.
 * Goals: signed ≤ 1.3× unsigned; a round to 256 miners under 100 ms median.
 */
import { Effect } from "effect"
import { keypairFromUri, keysReady } from "../packages/core/src/keys/Keys.ts"
import type { RunningAxon } from "../packages/core/src/transport/http/Axon.ts"
import { startAxon } from "../packages/core/src/transport/http/Axon.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import type { MinerEndpoint } from "../packages/core/src/transport/Transport.ts"

export interface TransportBench {
  readonly miners: number
  readonly rounds: number
  readonly signedMedianMs: number
  readonly signedP99Ms: number
  readonly unsignedMedianMs: number
  readonly unsignedP99Ms: number
  readonly signedOverUnsigned: number
  readonly axonRequestsPerSecond: number
}

const quantile = (xs: Array<number>, q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

const echo = (hotkey: string): MinerEndpoint => ({
  hotkey, subnet: "echo", priority: () => 0n, handle: (request) => Effect.succeed({ status: "ok", body: request.body }),
})

export async function benchTransport(miners = 256, rounds = 30): Promise<TransportBench> {
  await Effect.runPromise(keysReady)
  const validator = keypairFromUri("//bench/validator")
  const keys = Array.from({ length: miners }, (_, i) => keypairFromUri(`//bench/miner/${i}`))
  const log = () => {}
  const start = (signed: boolean) =>
    Promise.all(keys.map((pair) => startAxon({
      endpoint: echo(pair.address), pair, run: Effect.runPromise, log, maxConcurrent: 64,
      ...(signed ? {} : { insecureUnsigned: { caller: validator.address } }),
    })))
  const round = async (dendrite: Dendrite, axons: ReadonlyArray<RunningAxon>) => {
    const t0 = performance.now()
    const replies = await Promise.all(axons.map((a, i) =>
      dendrite.call({ ip: a.host, port: a.port }, { subnet: "echo", caller: validator.address, target: keys[i]!.address, body: { n: i } }, 5_000)))
    const ms = performance.now() - t0
    if (replies.some((r) => r.status !== "ok")) throw new Error(`a bench round failed: ${JSON.stringify(replies.find((r) => r.status !== "ok"))}`)
    return ms
  }
  const measure = async (signed: boolean) => {
    const axons = await start(signed)
    const dendrite = new Dendrite({ keys: [validator], signing: signed, maxSocketsPerHost: 2 })
    for (let w = 0; w < 3; w++) await round(dendrite, axons) // warm-up: connections, JIT
    const times: Array<number> = []
    for (let r = 0; r < rounds; r++) times.push(await round(dendrite, axons))
    dendrite.close()
    await Promise.all(axons.map((a) => a.close()))
    return times
  }
  const unsigned = await measure(false)
  const signed = await measure(true)

  // Requests per second of one Axon, signed, 64 in flight.
  const [one] = await Promise.all([startAxon({ endpoint: echo(keys[0]!.address), pair: keys[0]!, run: Effect.runPromise, log, maxConcurrent: 64 })])
  const dendrite = new Dendrite({ keys: [validator], maxSocketsPerHost: 64 })
  const total = 4_000
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (next++ < total) {
      await dendrite.call({ ip: one!.host, port: one!.port }, { subnet: "echo", caller: validator.address, target: keys[0]!.address, body: { n: next } }, 5_000)
    }
  }))
  const seconds = (performance.now() - t0) / 1000
  dendrite.close()
  await one!.close()

  const signedMedianMs = quantile(signed, 0.5)
  const unsignedMedianMs = quantile(unsigned, 0.5)
  return {
    miners, rounds, signedMedianMs, signedP99Ms: quantile(signed, 0.99), unsignedMedianMs, unsignedP99Ms: quantile(unsigned, 0.99),
    signedOverUnsigned: signedMedianMs / unsignedMedianMs, axonRequestsPerSecond: total / seconds,
  }
}
