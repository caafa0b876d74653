/** `--subnet <name|path>`: a built-in example (arithmetic, labels, kv) by name, or a module whose default export is a `defineSubnet` result. */
import type { Subnet } from "@subnetkit/core"
import { settingsOf } from "@subnetkit/core"
import { arithmetic, kv, labels } from "@subnetkit/core"
import { Effect } from "effect"
import { UsageError } from "../errors.ts"
import { subnetSources } from "./configuration.ts"
import { importDefault } from "./importDefault.ts"
import { withNamedFailures } from "./subnetCode.ts"

const BUILT_IN: Record<string, Subnet<any, any>> = { arithmetic, labels, kv }

/** `what` names where the spec came from in messages (`--subnet`, or the scenario's `subnet` field). */
export async function loadSubnet(spec: string, what = "--subnet"): Promise<Subnet<any, any>> {
  const builtIn = BUILT_IN[spec]
  if (builtIn) return withNamedFailures(builtIn)
  const subnet = (await importDefault(spec, what).catch((e: Error) => {
    throw new UsageError(`${e.message} (built-in subnets: ${Object.keys(BUILT_IN).join(", ")})`)
  })) as Partial<Subnet<unknown, unknown>> | undefined
  if (
    !subnet || typeof subnet.name !== "string" || typeof subnet.versionKey !== "number" ||
    typeof subnet.miner !== "function"
  ) {
    throw new UsageError(`${what} ${spec}: its default export is not a subnet (export default defineSubnet({...}))`)
  }
  return withNamedFailures(subnet as Subnet<unknown, unknown>)
}

/**
 * The subnet's settings over its defaults, from the `--config` file's "subnet" section, its environment prefix and
 * `--set` (configuration.ts); a bad one is a usage error naming where it came from.
 */
export const subnetSettings = (
  subnet: Subnet,
  args: { readonly config: string | undefined; readonly set: ReadonlyArray<string> },
): Effect.Effect<unknown, UsageError> =>
  Effect.try({ try: () => subnetSources(args), catch: (e) => e as UsageError }).pipe( // it throws UsageErrors only
    Effect.flatMap((sources) => settingsOf(subnet, sources)),
    Effect.mapError((e) => (e instanceof UsageError ? e : new UsageError(e.message))),
  )
