/**
 * A bug in a user's subnet code, reported as one line: which subnet, which of its functions, and the first stack
 * frame in the user's own files (not node_modules, not the framework), instead of a screen of Effect frames.
 */
import type { Subnet } from "@subnetkit/core"
import { defineSubnet } from "@subnetkit/core"
import { Effect } from "effect"

/** A subnet function threw (or its Effect died). Reported by the CLI as one line, exit code 1. */
export class SubnetCodeError extends Error {
  override readonly name = "SubnetCodeError"
  constructor(readonly subnet: string, readonly fn: string, override readonly cause: unknown) {
    const frame = firstUserFrame(cause)
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    super(
      `subnet ${subnet}: ${fn} threw ${what.replaceAll(/\s*\n\s*/g, " ")}${
        frame === undefined ? "" : ` (at ${frame})`
      }`,
    )
  }
}

const FRAMEWORK = /node_modules|[/\\]\.bundle[/\\]|[/\\]packages[/\\](core|cli|mechanisms)[/\\]|^node:|\(node:/

/** The first `at …` line of the error's stack that is in the user's code, without the "at ". */
export function firstUserFrame(e: unknown): string | undefined {
  const stack = e instanceof Error ? e.stack ?? "" : ""
  for (const line of stack.split("\n").slice(1)) {
    const frame = line.trim().replace(/^at /, "")
    if (line.trim().startsWith("at ") && !FRAMEWORK.test(frame)) return frame.replace(/file:\/\//, "")
  }
  return undefined
}

const isSubnetCodeError = (e: unknown): e is SubnetCodeError => e instanceof Error && e.name === "SubnetCodeError"

function wrap(
  subnet: string,
  fnName: string,
  fn: (...args: Array<unknown>) => unknown,
): (...args: Array<unknown>) => unknown {
  return function(this: unknown, ...args) {
    let result: unknown
    try {
      result = fn.apply(this, args)
    } catch (e) {
      throw isSubnetCodeError(e) ? e : new SubnetCodeError(subnet, fnName, e)
    }
    if (!Effect.isEffect(result)) return result
    return (result as Effect.Effect<unknown, unknown, unknown>).pipe(
      Effect.catchDefect((d) => Effect.die(isSubnetCodeError(d) ? d : new SubnetCodeError(subnet, fnName, d))),
    )
  }
}

/**
 * The subnet with its functions (the miner, `prepare`, every `validator.*` function) wrapped so that a throw or a
 * defect inside them becomes a SubnetCodeError naming the function. Typed failures pass through unchanged: they are
 * the subnet's own way to say no.
 */
export function withNamedFailures(subnet: Subnet): Subnet {
  const out: Record<string, unknown> = { ...subnet }
  for (const key of ["miner", "prepare"]) {
    const fn = out[key]
    if (typeof fn === "function") out[key] = wrap(subnet.name, key, fn as (...args: Array<unknown>) => unknown)
  }
  const validator = out["validator"]
  if (typeof validator === "object" && validator !== null) {
    out["validator"] = Object.fromEntries(
      Object.entries(validator).map((
        [k, v],
      ) => [
        k,
        typeof v === "function" ? wrap(subnet.name, `validator.${k}`, v as (...args: Array<unknown>) => unknown) : v,
      ]),
    )
  }
  const kinds = out["kinds"]
  if (typeof kinds === "object" && kinds !== null) {
    out["kinds"] = Object.fromEntries(
      Object.entries(kinds as Subnet["kinds"]).map((
        [k, v],
      ) => [k, {
        ...v,
        miner: wrap(subnet.name, `kinds.${k}.miner`, v.miner as (...args: Array<unknown>) => unknown),
      }]),
    )
  }
  // Defined again, so the round and the generator the runtime calls are built from the wrapped functions.
  return defineSubnet(out as unknown as Parameters<typeof defineSubnet>[0])
}
