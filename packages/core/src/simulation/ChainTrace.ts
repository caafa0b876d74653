/**
 * What a simulation did to the chain, in order: every successful state-changing call and every block advance. The
 * same trace replayed on a fresh mock chain under another mechanism gives that mechanism's payouts for exactly the
 * same answers, scores and weights (`subnet simulate --compare`).
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { Effect } from "effect"
import type { ChainShape } from "../chain/Chain.ts"
import { ChainError } from "../chain/ChainError.ts"
import type { Hyperparameters } from "../chain/Hyperparameters.ts"
import { MockChainState } from "../chain/mock/MockChainState.ts"
import type { EpochPayout } from "../chain/mock/runEpoch.ts"
import type {
  AddStakeInput,
  CommitWeightsInput,
  CreateSubnetInput,
  RegisterInput,
  RevealWeightsInput,
  ServeAxonInput,
  SetWeightsInput,
  SubnetSnapshot,
} from "../chain/types.ts"

export type TraceCall =
  | { readonly kind: "fund"; readonly coldkey: string; readonly rao: bigint }
  | { readonly kind: "advance"; readonly blocks: number }
  | { readonly kind: "createSubnet"; readonly input: CreateSubnetInput }
  | {
    readonly kind: "setHyperparameters"
    readonly netuid: number
    readonly coldkey: string
    readonly patch: Partial<Hyperparameters>
  }
  | { readonly kind: "burnedRegister"; readonly input: RegisterInput }
  | { readonly kind: "addStake"; readonly input: AddStakeInput }
  | { readonly kind: "serveAxon"; readonly input: ServeAxonInput }
  | { readonly kind: "setWeights"; readonly input: SetWeightsInput }
  | { readonly kind: "commitWeights"; readonly input: CommitWeightsInput }
  | { readonly kind: "revealWeights"; readonly input: RevealWeightsInput }

/** `chain`, recording each state-changing call that succeeds into `trace`. */
export function recordingChain(chain: ChainShape, trace: Array<TraceCall>): ChainShape {
  const record = <A, E, R>(effect: Effect.Effect<A, E, R>, call: TraceCall) =>
    Effect.tap(effect, () => Effect.sync(() => void trace.push(call)))
  return {
    ...chain,
    createSubnet: (input) => record(chain.createSubnet(input), { kind: "createSubnet", input }),
    setHyperparameters: (netuid, coldkey, patch) =>
      record(chain.setHyperparameters(netuid, coldkey, patch), { kind: "setHyperparameters", netuid, coldkey, patch }),
    burnedRegister: (input) => record(chain.burnedRegister(input), { kind: "burnedRegister", input }),
    addStake: (input) => record(chain.addStake(input), { kind: "addStake", input }),
    serveAxon: (input) => record(chain.serveAxon(input), { kind: "serveAxon", input }),
    setWeights: (input) => record(chain.setWeights(input), { kind: "setWeights", input }),
    commitWeights: (input) => record(chain.commitWeights(input), { kind: "commitWeights", input }),
    revealWeights: (input) => record(chain.revealWeights(input), { kind: "revealWeights", input }),
  }
}

/**
 * Replays `trace` on a fresh mock chain whose subnets use `mechanism`, calling `onEpoch` with the subnet as each
 * epoch left it. A call the other mechanism's chain refuses (e.g. weights from a validator that lost its permit there)
 * is skipped and counted.
 */
export function replayTrace(
  trace: ReadonlyArray<TraceCall>,
  options: {
    readonly mechanism: string
    readonly mechanisms?: Readonly<Record<string, Mechanism>>
    readonly onEpoch: (snapshot: SubnetSnapshot, payout: EpochPayout) => void
  },
): { readonly refused: number } {
  const chain = MockChainState.genesis({}, options.mechanisms, options.mechanism)
  let refused = 0
  for (const call of trace) {
    try {
      switch (call.kind) {
        case "fund":
          chain.fund(call.coldkey, call.rao)
          break
        case "createSubnet":
          chain.createSubnet(call.input)
          break
        case "setHyperparameters":
          chain.setHyperparameters(call.netuid, call.coldkey, call.patch)
          break
        case "burnedRegister":
          chain.burnedRegister(call.input)
          break
        case "addStake":
          chain.addStake(call.input)
          break
        case "serveAxon":
          chain.serveAxon(call.input)
          break
        case "setWeights":
          chain.setWeights(call.input)
          break
        case "commitWeights":
          chain.commitWeights(call.input)
          break
        case "revealWeights":
          chain.revealWeights(call.input)
          break
        case "advance":
          for (const payout of chain.advance(call.blocks)) options.onEpoch(chain.snapshot(payout.netuid), payout)
      }
    } catch (e) {
      if (!(e instanceof ChainError)) throw e
      refused++
    }
  }
  return { refused }
}
