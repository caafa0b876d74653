/**
 * A validator in its own process, for the crash test: a small subnet on an in-process mock chain, the real
 * validator runtime with a file state store, one step per block until killed. Prints `loaded <step>` once the
 * state is read and `saved <step>` after each step's state is on disk.
 * Usage: node --import tsx validatorProcess.ts <state-file>
 */
import { Effect, Layer } from "effect"
import { ChainControl } from "../chain/ChainControl.ts"
import { MockChain } from "../chain/MockChain.ts"
import { serveMiner } from "../neuron/Miner.ts"
import { StateStore } from "../neuron/StateStore.ts"
import { makeValidator } from "../neuron/Validator.ts"
import * as InProcessTransport from "../transport/InProcessTransport.ts"
import { arithmetic } from "../examples/arithmetic.ts"
import { setupLocalSubnet } from "./localSubnet.ts"

const stateFile = process.argv[2]
if (stateFile === undefined) throw new Error("usage: validatorProcess.ts <state-file>")

const program = Effect.gen(function*() {
  const { netuid, validators, miners } = yield* setupLocalSubnet({ validatorStakesTao: [10], miners: 4, hyperparameters: { tempo: 5 } })
  yield* Effect.forEach(miners, (m) => serveMiner(arithmetic, { netuid, hotkey: m.hotkey }))
  const validator = yield* makeValidator(arithmetic, { netuid, hotkey: validators[0]!.hotkey, timeoutMs: 200 })
  process.stdout.write(`loaded ${validator.state().step}\n`)
  const control = yield* ChainControl
  return yield* Effect.forever(Effect.gen(function*() {
    const report = yield* validator.step()
    process.stdout.write(`saved ${report.step}\n`)
    yield* control.advance(1)
  }))
})

Effect.runPromise(program.pipe(
  Effect.provide(Layer.mergeAll(MockChain.layer(), InProcessTransport.layer(), StateStore.layerFile(stateFile))),
  Effect.scoped,
)).catch((e) => {
  process.stderr.write(`${String(e)}\n`)
  process.exit(1)
})
