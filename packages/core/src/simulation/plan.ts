/**
 * Planning a simulation before anything runs: each miner group's operators, hotkeys and behaviours, each validator's
 * keys and seed, every profile and parameter checked (a wrong one is a `ScenarioError` naming its field).
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { mechanismByName } from "@subnetkit/mechanisms"
import { Effect } from "effect"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { seededRandom, stepSeed } from "../subnet/seededRandom.ts"
import type { MinerBehaviour, MinerProfile } from "./MinerProfile.ts"
import { builtinMinerProfiles } from "./minerProfiles.ts"
import { ProfileParams } from "./ProfileParams.ts"
import type { MinerGroup, Scenario, ValidatorGroup } from "./Scenario.ts"
import { ScenarioError } from "./Scenario.ts"
import type { SimulatedNetwork } from "./SimulatedNetwork.ts"
import type { ValidatorProfile } from "./ValidatorProfile.ts"
import { builtinValidatorProfiles } from "./validatorProfiles.ts"

export interface SimulationOptions<Task, Response> {
  /** The subnet the scenario names, already loaded. */
  readonly subnet: Subnet<Task, Response>
  /** User profiles by the names the scenario uses (added to, and taking precedence over, the built-in ones). */
  readonly minerProfiles?: Readonly<Record<string, MinerProfile>>
  readonly validatorProfiles?: Readonly<Record<string, ValidatorProfile>>
  /** User mechanisms by the names the scenario (or `compare`) uses. */
  readonly mechanisms?: Readonly<Record<string, Mechanism>>
  /** Mechanisms to replay the run's trace under. */
  readonly compare?: ReadonlyArray<string>
  /** The subnet's settings (default: its defaults; the CLI resolves them from the environment and flags). */
  readonly config?: unknown
  /** Called after each epoch of the run. */
  readonly onEpoch?: (done: number, total: number) => void
}

export interface OperatorPlan {
  readonly group: MinerGroup
  readonly profile: MinerProfile
  /** `group/i`, how reports name it. */
  readonly name: string
  readonly coldkey: string
  readonly hotkeys: ReadonlyArray<string>
  readonly behaviour: MinerBehaviour<unknown, unknown>
}

export interface ValidatorPlan {
  readonly group: ValidatorGroup
  readonly profile: ValidatorProfile
  readonly params: ProfileParams
  readonly name: string
  readonly coldkey: string
  readonly hotkey: string
  readonly seed: number
}

export const mixSeed = (seed: number, ...parts: ReadonlyArray<number>) => parts.reduce((s, p) => stepSeed(s, p), seed)

/** Runs `f`; a `ScenarioError` it throws becomes the typed failure, anything else a defect. */
export const checked = <A>(f: () => A): Effect.Effect<A, ScenarioError> =>
  Effect.suspend(() => {
    try {
      return Effect.succeed(f())
    } catch (e) {
      return e instanceof ScenarioError ? Effect.fail(e) : Effect.die(e)
    }
  })

function lookup<P>(
  kind: string,
  path: string,
  name: string,
  builtins: Readonly<Record<string, P>>,
  user: Readonly<Record<string, P>> | undefined,
): P {
  const profile = user?.[name] ?? builtins[name]
  if (profile === undefined) {
    const known = [...Object.keys(builtins), ...Object.keys(user ?? {})].join(", ")
    throw new ScenarioError({ path, detail: `unknown ${kind} profile "${name}" (known: ${known}; or a module path)` })
  }
  return profile
}

export function checkMechanism(
  path: string,
  name: string,
  user: Readonly<Record<string, Mechanism>> | undefined,
): void {
  if (name === "yuma" || user?.[name] !== undefined) return
  try {
    mechanismByName(name)
  } catch (e) {
    throw new ScenarioError({ path, detail: (e as Error).message })
  }
}

/** Operators, hotkeys and behaviours of every miner group; checks every profile and its parameters. */
export function planMiners<Task, Response>(
  scenario: Scenario,
  options: SimulationOptions<Task, Response>,
  network: SimulatedNetwork,
) {
  const groups = scenario.miners.map((group, g) => {
    const profile = lookup("miner", `miners[${g}].profile`, group.profile, builtinMinerProfiles, options.minerProfiles)
    const params = new ProfileParams(group.params ?? {}, `miners[${g}].params`)
    const perOperator = profile.hotkeysPerOperator?.(params) ?? 1
    const operators = Array.from({ length: group.count }, (_, op) => ({
      name: `${group.name}/${op + 1}`,
      coldkey: `m/${group.name}/${op + 1}/cold`,
      hotkeys: Array.from(
        { length: perOperator },
        (_, k) => `m/${group.name}/${op + 1}${perOperator > 1 ? `.${k + 1}` : ""}`,
      ),
    }))
    return { group, g, profile, params, operators }
  })
  const hotkeysOf = (name: string) => {
    const found = groups.find((x) => x.group.name === name)
    if (found === undefined) throw new ScenarioError({ path: "miners", detail: `no miner group is named "${name}"` })
    return found.operators.flatMap((o) => o.hotkeys)
  }
  const plans = groups.flatMap(({ group, g, profile, params, operators }) =>
    operators.map((o, op): OperatorPlan => {
      const seed = mixSeed(scenario.seed, 1, g, op)
      const behaviour = profile.make({
        subnet: options.subnet,
        params,
        random: seededRandom(seed),
        seed,
        answers: network,
        hotkeysOf,
        operator: op,
      }) as MinerBehaviour<unknown, unknown>
      network.addOperator(o.hotkeys, {
        serviceMs: group.serviceMs ?? scenario.serviceMs,
        capacity: group.capacity ?? scenario.capacity,
      }, behaviour)
      return { group, profile, name: o.name, coldkey: o.coldkey, hotkeys: o.hotkeys, behaviour }
    })
  )
  groups.forEach((x) => x.params.checkAllRead())
  return { plans, hotkeysOf }
}

export function planValidators<Task, Response>(
  scenario: Scenario,
  options: SimulationOptions<Task, Response>,
): Array<ValidatorPlan> {
  return scenario.validators.flatMap((group, g) => {
    const profile = lookup(
      "validator",
      `validators[${g}].profile`,
      group.profile,
      builtinValidatorProfiles,
      options.validatorProfiles,
    )
    const params = new ProfileParams(group.params ?? {}, `validators[${g}].params`)
    return Array.from({ length: group.count }, (_, i): ValidatorPlan => ({
      group,
      profile,
      params,
      name: group.count === 1 ? group.name : `${group.name}/${i + 1}`,
      coldkey: `v/${group.name}/${i + 1}/cold`,
      hotkey: `v/${group.name}/${i + 1}`,
      seed: mixSeed(scenario.seed, 2, g, i),
    }))
  })
}
