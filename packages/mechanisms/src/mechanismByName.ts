import { softmax } from "./alternatives/softmax.ts"
import { stakeWeightedMean } from "./alternatives/stakeWeightedMean.ts"
import { topK } from "./alternatives/topK.ts"
import { winnerTakeAll } from "./alternatives/winnerTakeAll.ts"
import { InvalidInput } from "./input/InvalidInput.ts"
import type { Mechanism } from "./Mechanism.ts"
import { yuma2, yuma3 } from "./yuma/yuma.ts"

/** The mechanisms by their command-line names, with default parameters. */
export const mechanismNames = ["yuma3", "yuma2", "mean", "wta", "topk", "softmax"] as const

/**
 * A mechanism from a short name: `yuma3`, `yuma2`, `mean`, `wta`, `topk` / `top5`, `softmax` / `softmax:0.5`.
 * @throws {InvalidInput} for an unknown name, naming the known ones.
 */
export function mechanismByName(spec: string): Mechanism {
  const [name, arg] = spec.split(":") as [string, string | undefined]
  const top = /^top(\d+)$/.exec(name)
  if (top) return topK(Number(top[1]))
  switch (name) {
    case "yuma3":
      return yuma3()
    case "yuma2":
      return yuma2()
    case "mean":
      return stakeWeightedMean()
    case "wta":
      return winnerTakeAll()
    case "topk":
      return topK(arg === undefined ? 3 : Number(arg))
    case "softmax":
      return softmax(arg === undefined ? undefined : Number(arg))
  }
  throw new InvalidInput(
    "mechanism",
    `unknown mechanism "${spec}" (known: ${mechanismNames.join(", ")}, topN, softmax:T)`,
  )
}
