/**
 * Simulation throughput. Goal (issue 6): 1000 epochs × 256 neurons with a trivial subnet in under 10 s. The run is
 * the arithmetic subnet, the owner + 7 honest validators + 248 honest miners, one validator round per tempo of 10
 * blocks, 16 miners queried per round. Timing wrappers around the mechanism and the validators' rounds say where the
 * time goes; the rest is the chain (blocks, snapshots, metagraphs) and the miners' side of each request.
 */
import { Effect } from "effect"
import type { Scenario, ValidatorProfile } from "../packages/core/src/index.ts"
import { arithmetic, builtinValidatorProfiles, defaultScenario, simulate } from "../packages/core/src/index.ts"
import type { Mechanism } from "../packages/mechanisms/src/index.ts"
import { yuma3 } from "../packages/mechanisms/src/index.ts"

export interface SimulationBench {
  readonly epochs: number
  readonly neurons: number
  readonly queries: number
  readonly totalMs: number
  readonly mechanismMs: number
  readonly validatorRoundsMs: number
  readonly otherMs: number
}

export async function benchSimulation(epochs = 1000): Promise<SimulationBench> {
  let mechanismMs = 0
  let validatorRoundsMs = 0
  const inner = yuma3()
  const timedYuma: Mechanism = {
    ...inner,
    epoch: (input) => {
      const t = performance.now()
      const out = inner.epoch(input)
      mechanismMs += performance.now() - t
      return out
    },
  }
  const honest = builtinValidatorProfiles["honest"]!
  const timedHonest: ValidatorProfile = {
    ...honest,
    make: (env) =>
      Effect.map(honest.make(env), (b) => ({
        round: (at) =>
          Effect.suspend(() => {
            const t = performance.now()
            return Effect.ensuring(b.round(at), Effect.sync(() => void (validatorRoundsMs += performance.now() - t)))
          }),
      })),
  }
  const validators = 7
  const miners = 248
  const scenario: Scenario = {
    ...defaultScenario,
    mechanism: "timed-yuma3",
    epochs,
    roundsPerEpoch: 1,
    sampleSize: 16,
    serviceMs: 100,
    capacity: 8,
    hyperparameters: { tempo: 10, weightsRateLimit: 10, maxRegistrationsPerBlock: 255 },
    miners: [{ name: "honest", profile: "honest", count: miners }],
    validators: [{ name: "honest", profile: "timed-honest", count: validators, stakeTao: 1000 }],
  }
  const t = performance.now()
  await Effect.runPromise(simulate(scenario, {
    subnet: arithmetic,
    mechanisms: { "timed-yuma3": timedYuma },
    validatorProfiles: { "timed-honest": timedHonest },
  }))
  const totalMs = performance.now() - t
  return {
    epochs,
    neurons: 1 + validators + miners,
    queries: epochs * validators * 16,
    totalMs,
    mechanismMs,
    validatorRoundsMs,
    otherMs: totalMs - mechanismMs - validatorRoundsMs,
  }
}
