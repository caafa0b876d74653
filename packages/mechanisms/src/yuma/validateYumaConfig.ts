import { bool, int, record, u16 } from "../input/checks.ts"
import { InvalidInput } from "../input/InvalidInput.ts"
import type { YumaConfig } from "./YumaConfig.ts"

const FIELDS = [
  "yuma3",
  "kappaU16",
  "bondsPenaltyU16",
  "bondsMovingAverage",
  "liquidAlpha",
  "alphaLowU16",
  "alphaHighU16",
  "alphaSigmoidSteepness",
]

/** Checks a Yuma config; throws `InvalidInput` naming the bad field. */
export function validateYumaConfig(x: unknown, path = "config"): YumaConfig {
  const r = record(x, path, FIELDS)
  const config: YumaConfig = {
    yuma3: bool(r.yuma3, `${path}.yuma3`),
    kappaU16: u16(r.kappaU16, `${path}.kappaU16`),
    bondsPenaltyU16: u16(r.bondsPenaltyU16, `${path}.bondsPenaltyU16`),
    bondsMovingAverage: int(r.bondsMovingAverage, `${path}.bondsMovingAverage`, 0, 1_000_000),
    liquidAlpha: bool(r.liquidAlpha, `${path}.liquidAlpha`),
    alphaLowU16: u16(r.alphaLowU16, `${path}.alphaLowU16`),
    alphaHighU16: u16(r.alphaHighU16, `${path}.alphaHighU16`),
    alphaSigmoidSteepness: int(r.alphaSigmoidSteepness, `${path}.alphaSigmoidSteepness`, -32768, 32767),
  }
  if (config.alphaLowU16 > config.alphaHighU16) {
    throw new InvalidInput(
      `${path}.alphaLowU16`,
      `alpha low ${config.alphaLowU16} is above alpha high ${config.alphaHighU16}`,
    )
  }
  return config
}
