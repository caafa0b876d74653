/**
 * `pnpm bench`: runs the benchmarks and prints tables (or `--json`). Numbers, not pass/fail: compare them with the
 * goals in each benchmark's comment and record them in the issue note.
 * `--only=yuma|transport|simulation|text|image|storage|subtensor` runs one (subtensor needs SUBTENSOR_SPEC); `--sizes=256,1024` picks the epoch sizes.
 */
import { benchImageMiner } from "./imageMiner.ts"
import { benchMainCommand } from "./mainCommand.ts"
import { benchSimulation } from "./simulation.ts"
import { benchStorage } from "./storage.ts"
import { benchSubtensor } from "./subtensor.ts"
import { benchTextMiner } from "./textMiner.ts"
import { benchTransport } from "./transport.ts"
import { benchYumaEpoch } from "./yumaEpoch.ts"

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const json = process.argv.includes("--json")
const only = arg("only")
const sizes = arg("sizes")?.split(",").map(Number)

const results: Record<string, unknown> = {}
if (only === undefined || only === "yuma") {
  const epochs = benchYumaEpoch(sizes)
  results.yumaEpoch = epochs
  if (!json) {
    console.log(`Yuma epoch, random weights and bonds (node ${process.version})`)
    console.table(
      epochs.map((r) => ({
        mechanism: r.mechanism,
        layout: r.layout,
        n: r.n,
        runs: r.runs,
        "median ms": r.medianMs.toFixed(2),
        "min ms": r.minMs.toFixed(2),
      })),
    )
  }
}
if (only === undefined || only === "transport") {
  const t = await benchTransport()
  results.transport = t
  if (!json) {
    console.log(`Transport on loopback: one validator round to ${t.miners} miners (${t.rounds} rounds), echo handler`)
    console.table({
      "signed requests + answers": { "median ms": t.signedMedianMs.toFixed(1), "p99 ms": t.signedP99Ms.toFixed(1) },
      "signed, WebSocket": { "median ms": t.signedWsMedianMs.toFixed(1), "p99 ms": t.signedWsP99Ms.toFixed(1) },
      unsigned: { "median ms": t.unsignedMedianMs.toFixed(1), "p99 ms": t.unsignedP99Ms.toFixed(1) },
    })
    console.log(
      `signed / unsigned: ${t.signedOverUnsigned.toFixed(2)}×   one Axon, signed, 64 in flight: ${
        t.axonRequestsPerSecond.toFixed(0)
      } requests/s`,
    )
    const f = t.framing.mbPerSecond
    console.log(
      `Binary payloads: signed ${(t.framing.payloadBytes / 2 ** 20).toFixed(0)} MiB request + answer, MB/s (both ways)`,
    )
    console.table({
      HTTP: { "base64 in JSON": f.http.base64.toFixed(0), "frame (chosen)": f.http.frame.toFixed(0) },
      WebSocket: { "base64 in JSON": f.ws.base64.toFixed(0), "frame (chosen)": f.ws.frame.toFixed(0) },
    })
    const l = t.load
    console.log("Hostile load: one Axon, 64 in flight over HTTP")
    console.table({
      "refusals, unregistered caller": {
        "per s": l.refusalsPerSecond.toFixed(0),
        "per miner CPU-s": l.refusalsPerMinerCpuSecond.toFixed(0),
        statuses: JSON.stringify(l.refusalStatuses),
      },
      "signed answers, validator": {
        "per s": l.signedAnswersPerSecond.toFixed(0),
        "per miner CPU-s": l.answersPerMinerCpuSecond.toFixed(0),
        statuses: "",
      },
    })
    console.log(
      `refusals / answers: ${(l.refusalsPerSecond / l.signedAnswersPerSecond).toFixed(1)}× per s, ${
        (l.refusalsPerMinerCpuSecond / l.answersPerMinerCpuSecond).toFixed(1)
      }× per miner CPU-s (goal ≥ 10×)`,
    )
    console.log(
      `validator CPU per request in the signed round: ${
        t.validatorCpuUsPerRequest.toFixed(0)
      } µs; sr25519 sign + verify floor: ${l.signVerifyFloorUs.toFixed(0)} µs (${
        (t.validatorCpuUsPerRequest / l.signVerifyFloorUs).toFixed(2)
      }×, goal ≤ 1.3×)`,
    )
  }
}
if (only === undefined || only === "simulation") {
  const m = await benchMainCommand()
  results.mainCommand = m
  if (!json) {
    console.log(`Main command (README, first block): ${m.command}`)
    console.table({
      "one run": {
        "wall s": m.wallSeconds.toFixed(1),
        "CPU s (user + sys, all threads)": (m.cpuUserSeconds + m.cpuSystemSeconds).toFixed(1),
        "load before → after": `${m.loadBefore.toFixed(1)} → ${m.loadAfter.toFixed(1)}`,
      },
    })
  }
  const s = await benchSimulation()
  results.simulation = s
  if (!json) {
    console.log(`Simulation: ${s.epochs} epochs × ${s.neurons} neurons, arithmetic subnet, ${s.queries} queries`)
    console.table({
      total: { ms: s.totalMs.toFixed(0) },
      "mechanism (Yuma 3 epochs)": { ms: s.mechanismMs.toFixed(0) },
      "validator rounds (sync, sample, query, score, set weights)": { ms: s.validatorRoundsMs.toFixed(0) },
      "rest (chain blocks, snapshots for the ledger, round metagraph)": { ms: s.otherMs.toFixed(0) },
    })
  }
}
if (only === undefined || only === "storage") {
  const s = await benchStorage()
  results.storage = s
  if (!json) {
    console.log(
      `Storage subnet: a ${s.fileMiB} MiB file over loopback (signed HTTP, 4 miners, R = 3); seeded Merkle challenges on 1 MiB replicas`,
    )
    console.table({
      "put (chunk, seal ×3, store ×3)": { "MB/s": s.putMBps.toFixed(1) },
      "get (retrieve, root, decrypt, sha256)": { "MB/s": s.getMBps.toFixed(1) },
      "challenge verification (8 × 32 KiB leaves + proofs)": {
        "MB/s": s.proofMBps.toFixed(0),
        "per second": s.challengesPerSecond.toFixed(0),
      },
      "raw sha256 of the same bytes": { "MB/s": s.sha256MBps.toFixed(0) },
    })
    console.log(`proof verification / raw sha256: ${(100 * s.proofOverSha256).toFixed(0)}% (goal ≥ 50%)`)
  }
}
if (only === undefined || only === "text") {
  const t = await benchTextMiner()
  results.textMiner = t
  if (!json) {
    console.log(`Text subnet, tiny-gpt2 greedy, ${t.prompts} prompts one at a time, ${t.tokens} tokens each way`)
    console.table({
      "bare pipeline": { "tokens/s": t.bareTokensPerSecond.toFixed(0) },
      "through a signed Axon (HTTP)": { "tokens/s": t.axonTokensPerSecond.toFixed(0) },
      "through a signed Axon (WebSocket)": { "tokens/s": t.axonWsTokensPerSecond.toFixed(0) },
    })
    console.log(
      `Axon overhead: ${t.overheadPercent.toFixed(1)}%   validator scoring: ${
        t.scoreMsPerAnswer.toFixed(1)
      } ms per answer`,
    )
  }
}
if (only === undefined || only === "image") {
  const m = await benchImageMiner()
  results.imageMiner = m
  if (!json) {
    console.log(`Image subnet, tiny-shapes, ${m.images} seeded images (default augmentation), best of 3`)
    console.table({
      "validator: generate (draw, augment, encode)": { "images/s": m.generatedPerSecond.toFixed(0) },
      "classifier, batch 1 (preprocessed pixels)": { "images/s": m.classifiedPerSecondBatch1.toFixed(0) },
      "classifier, batch 16 (preprocessed pixels)": { "images/s": m.classifiedPerSecondBatch16.toFixed(0) },
      "miner handler, bare (check, decode, resize, classify)": { "images/s": m.bareTasksPerSecond.toFixed(0) },
      "through a signed Axon (HTTP), one at a time": { "images/s": m.axonTasksPerSecond.toFixed(0) },
      "through a signed Axon (HTTP), 16 in flight": { "images/s": m.axonTasksPerSecond16InFlight.toFixed(0) },
    })
    console.log(
      `Axon overhead over the bare handler: ${m.overheadPercent.toFixed(1)}% (${
        m.axonMsPerTask.toFixed(2)
      } ms per task)`,
    )
  }
}
if (only === undefined || only === "subtensor") {
  const s = await benchSubtensor()
  results.subtensor = s
  if (!json && typeof s === "string") console.log(`SubtensorChain on chopsticks: ${s}`)
  else if (!json && typeof s !== "string") {
    console.log(
      `SubtensorChain on chopsticks (spec ${s.spec}): metagraph sync of ${s.neurons} neurons (median of 5), set_weights round trip`,
    )
    console.table({
      "subnetState light (no weights/bonds)": {
        "wall ms": s.lightMedianMs.toFixed(0),
        "client CPU ms": s.lightCpuMs.toFixed(0),
      },
      [`subnetState full (${s.weightEntries} weight entries)`]: {
        "wall ms": s.fullMedianMs.toFixed(0),
        "client CPU ms": s.fullCpuMs.toFixed(0),
      },
      "set_weights (256 uids): sign → in block": {
        "wall ms": `${s.roundTripMedianMs.toFixed(0)} median, ${s.roundTripMaxMs.toFixed(0)} max`,
        "client CPU ms": "",
      },
    })
  }
}
if (json) console.log(JSON.stringify(results, (_k, v) => (typeof v === "bigint" ? String(v) : v), 2))
