/** A mock subnet's mechanism and hyperparameters, checked the way the state machine refuses bad ones. */
import type { Mechanism } from "@subnetkit/mechanisms"
import { mechanismByName, yuma } from "@subnetkit/mechanisms"
import { Schema } from "effect"
import { refuse } from "../ChainError.ts"
import type { Hyperparameters } from "../Hyperparameters.ts"
import { Hyperparameters as HyperparametersSchema } from "../Hyperparameters.ts"

const decodeHyperparameters = Schema.decodeUnknownSync(Schema.toType(HyperparametersSchema))

/** `candidate` as hyperparameters, every field checked; `InvalidHyperparameter` naming each bad one. */
export function checkedHyperparameters(candidate: unknown): Hyperparameters {
  try {
    return decodeHyperparameters(candidate, { errors: "all" })
  } catch (e) {
    throw refuse("InvalidHyperparameter", String(e).replace(/\s+/g, " "))
  }
}

/**
 * The mechanism `name` with the subnet's hyperparameters: "yuma" is Yuma with them, else a custom mechanism of the
 * chain (`custom`) or a built-in one by name; an unknown name is `InvalidArguments`.
 */
export function mechanismFor(name: string, h: Hyperparameters, custom: Readonly<Record<string, Mechanism>>): Mechanism {
  if (name === "yuma") {
    return yuma({
      yuma3: h.yuma3,
      kappaU16: h.kappaU16,
      bondsPenaltyU16: h.bondsPenaltyU16,
      bondsMovingAverage: h.bondsMovingAverage,
      liquidAlpha: h.liquidAlpha,
      alphaLowU16: h.alphaLowU16,
      alphaHighU16: h.alphaHighU16,
    })
  }
  const own = Object.hasOwn(custom, name) ? custom[name] : undefined
  if (own) return own
  try {
    return mechanismByName(name)
  } catch (e) {
    throw refuse("InvalidArguments", (e as Error).message)
  }
}
