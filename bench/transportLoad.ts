/**
 * The Axon's costs under hostile load (issue 16), on loopback, the Axon in its own process:
 * - refusals per second of an unregistered caller (pre-signed, 64 in flight over kept-alive HTTP; refused on the
 *   claimed signer, then dropped with a constant 429 once its refusal budget is spent) against signed answers per
 *   second of the registered validator through the Dendrite, also as per CPU-second of the miner's process (the
 *   client in this process may be the bottleneck of the wall-clock rates). Goal: refusals ≥ 10× answers.
 * - the sr25519 sign + verify floor, to compare with the validator's CPU per request in the signed round.
 */
import { Effect } from "effect"
import { randomUUID } from "node:crypto"
import { readFileSync } from "node:fs"
import { Agent, request as httpRequest } from "node:http"
import { keypairFromUri, keysReady, signMessage, verifyMessage } from "../packages/core/src/keys/Keys.ts"
import { Dendrite } from "../packages/core/src/transport/http/Dendrite.ts"
import { signedMessage, signHeaders } from "../packages/core/src/transport/http/signing.ts"
import { startMinerHost } from "./transport.ts"

export interface LoadBench {
  readonly refusalsPerSecond: number
  readonly refusalStatuses: Readonly<Record<string, number>>
  readonly signedAnswersPerSecond: number
  readonly refusalsPerMinerCpuSecond: number
  readonly answersPerMinerCpuSecond: number
  /** One sr25519 signature of a request plus one verification of an answer, CPU µs. */
  readonly signVerifyFloorUs: number
}

/** CPU seconds (user + system) a process has used so far (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
  return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ = 100)
}

/** Runs `one` from `workers` loops for `seconds`; returns how many completed and the miner's CPU seconds. */
async function sustained(pid: number, workers: number, seconds: number, one: () => Promise<void>) {
  let done = 0
  const cpu0 = cpuSeconds(pid)
  const t0 = performance.now()
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() - t0 < seconds * 1000) {
      await one()
      done++
    }
  }))
  const wall = (performance.now() - t0) / 1000
  return { perSecond: done / wall, perCpuSecond: done / Math.max(0.01, cpuSeconds(pid) - cpu0) }
}

export async function benchLoad(seconds = 3): Promise<LoadBench> {
  await Effect.runPromise(keysReady)
  const validator = keypairFromUri("//bench/validator")
  const miner = keypairFromUri("//bench/miner/0")
  const stranger = keypairFromUri("//bench/stranger")
  const host = await startMinerHost(1, true, validator.address)
  const port = host.ports[0]!
  try {
    const body = Buffer.from(JSON.stringify({ n: 1 }))
    const pool = Array.from(
      { length: 2_000 },
      () => signHeaders(stranger, body, miner.address, Date.now(), randomUUID()),
    )
    const agent = new Agent({ keepAlive: true, maxSockets: 64 })
    const statuses: Record<string, number> = {}
    let i = 0
    const refusal = () => new Promise<void>((resolve) => {
      const headers = {
        "content-type": "application/json",
        "content-length": String(body.length),
        ...pool[i++ % pool.length],
      }
      const req = httpRequest(
        { host: "127.0.0.1", port, method: "POST", path: "/echo/task", agent, headers },
        (res) => {
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1
          res.resume().on("end", resolve)
        },
      )
      req.on("error", () => resolve())
      req.end(body)
    })
    await sustained(host.pid, 64, 0.5, refusal) // warm-up
    for (const k of Object.keys(statuses)) delete statuses[k]
    const refusals = await sustained(host.pid, 64, seconds, refusal)
    agent.destroy()

    const dendrite = new Dendrite({ keys: [validator], maxSocketsPerHost: 64 })
    const answer = async () => {
      const reply = await dendrite.call(
        { ip: "127.0.0.1", port },
        { subnet: "echo", kind: "task", caller: validator.address, target: miner.address, body: { n: 1 } },
        { timeoutMs: 10_000 },
      )
      if (reply.status !== "ok") throw new Error(`load bench: the validator was not served: ${JSON.stringify(reply)}`)
    }
    await sustained(host.pid, 64, 0.5, answer)
    const answers = await sustained(host.pid, 64, seconds, answer)
    dendrite.close()

    // The floor: what signing a request and checking an answer cost in crypto alone (sha256 included).
    const n = 2_000
    const message = signedMessage(body, randomUUID(), Date.now(), miner.address)
    const signature = signMessage(validator, message)
    const cpu0 = process.cpuUsage() // CPU time, like the validator's per-request figure it is compared with
    for (let k = 0; k < n; k++) {
      signMessage(validator, signedMessage(body, randomUUID(), 1, miner.address))
      verifyMessage(message, signature, validator.address)
    }
    const cpu = process.cpuUsage(cpu0)
    const signVerifyFloorUs = (cpu.user + cpu.system) / n
    return {
      refusalsPerSecond: refusals.perSecond,
      refusalStatuses: statuses,
      signedAnswersPerSecond: answers.perSecond,
      refusalsPerMinerCpuSecond: refusals.perCpuSecond,
      answersPerMinerCpuSecond: answers.perCpuSecond,
      signVerifyFloorUs,
    }
  } finally {
    host.stop()
  }
}
