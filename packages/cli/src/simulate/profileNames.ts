/**
 * Profiles as a person reads them: one loaded from a path is shown by its own `name` in the table and the report (the
 * scenario and --json keep the path), and a mistyped built-in name gets "did you mean".
 */
import type { Scenario, SimulationResult, SimulationRun } from "@subnetkit/core"
import { builtinMinerProfiles, builtinValidatorProfiles, ScenarioError } from "@subnetkit/core"
import { closestNames } from "../runtime/closestNames.ts"

/** `result` with each profile spec that names a loaded module replaced by the module's `name`. */
export function withProfileNames(result: SimulationResult, names: Readonly<Record<string, string>>): SimulationResult {
  const name = <T extends { readonly profile: string }>(x: T): T => ({ ...x, profile: names[x.profile] ?? x.profile })
  const run = <R extends SimulationRun>(r: R): R => ({
    ...r,
    profiles: r.profiles.map(name),
    operators: r.operators.map(name),
    validators: r.validators.map(name),
  })
  return { ...run(result), compare: result.compare.map(run) }
}

/** An unknown-profile ScenarioError with the closest known names added; any other error as it is. */
export function suggestProfile(
  e: ScenarioError,
  scenario: Scenario,
  user: { readonly minerProfiles: object; readonly validatorProfiles: object },
): ScenarioError {
  const at = /^(miners|validators)\[(\d+)\]\.profile$/.exec(e.path)
  const group = at === null ? undefined : scenario[at[1] as "miners" | "validators"][Number(at[2])]
  if (at === null || group === undefined || !e.detail.startsWith("unknown")) return e
  const known = at[1] === "miners"
    ? [...Object.keys(builtinMinerProfiles), ...Object.keys(user.minerProfiles)]
    : [...Object.keys(builtinValidatorProfiles), ...Object.keys(user.validatorProfiles)]
  const close = closestNames(group.profile, known)
  return close.length === 0 ? e : new ScenarioError({
    path: e.path,
    detail: `${e.detail}: did you mean ${close.map((n) => `"${n}"`).join(" or ")}?`,
  })
}
