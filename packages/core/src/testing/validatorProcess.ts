/**
 * A validator in its own process, for the crash tests: a small subnet (arithmetic, or kv with `kv`) on an in-process
 * mock chain producing a block every 2 ms, its miners in the same process (kv miners keep their data under
 * `<state-file's folder>/miners/<hotkey>`, across runs), and the real validator runtime (`Validator.run`) with a file
 * state store. Prints `loaded <step>` once the state is read and `saved <step>` after each step's state is on disk.
 * Usage: node --import tsx validatorProcess.ts <state-file> [arithmetic|kv]
 */
import { Effect, Layer } from "effect"
import { dirname, join } from "node:path"
import { MockChain } from "../chain/MockChain.ts"
import { devSignerLayer } from "../chain/Signer.ts"
import { arithmetic } from "../examples/arithmetic.ts"
import { kv } from "../examples/kv.ts"
import { serveMiner } from "../neuron/Miner.ts"
import { StateStore } from "../neuron/StateStore.ts"
import { makeValidator } from "../neuron/Validator.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import { setupLocalSubnet } from "./localSubnet.ts"

const [stateFile, subnetName = "arithmetic"] = process.argv.slice(2)
if (stateFile === undefined) throw new Error("usage: validatorProcess.ts <state-file> [arithmetic|kv]")
const subnet: Subnet = subnetName === "kv" ? kv : arithmetic

const program = Effect.gen(function*() {
  const { netuid, validators, miners } = yield* setupLocalSubnet({
    validatorStakesTao: [10],
    miners: 4,
    hyperparameters: { tempo: 5 },
  })
  yield* Effect.forEach(
    miners,
    (m) => serveMiner(subnet, { netuid, hotkey: m.hotkey, dataDir: join(dirname(stateFile), "miners", m.hotkey) }),
  )
  const validator = yield* makeValidator(subnet, {
    netuid,
    hotkey: validators[0]!.hotkey,
    timeoutMs: 200,
    sampleSize: 4,
  })
  process.stdout.write(`loaded ${validator.state().step}\n`)
  return yield* validator.run({
    onStep: (report) => Effect.sync(() => void process.stdout.write(`saved ${report.step}\n`)),
  })
})

Effect.runPromise(program.pipe(
  Effect.provide(
    Layer.mergeAll(
      MockChain.layer({ blockTimeMs: 2 }).pipe(Layer.provide(devSignerLayer)),
      InProcessTransport.layer(),
      StateStore.layerFile(stateFile),
    ),
  ),
  Effect.scoped,
)).catch((e) => {
  process.stderr.write(`${String(e)}\n`)
  process.exit(1)
})
