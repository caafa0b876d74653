/**
 * The subnet owner's two calls that take more than one extrinsic on the runtime: `createSubnet` (spec 185 registers
 * no owner neuron with the network, and takes no registration until root raises the new subnet's limits) and
 * `setHyperparameters` (one AdminUtils call per hyperparameter, in one batch).
 */
import type { ApiPromise } from "@polkadot/api"
import type { Call, EventRecord } from "@polkadot/types/interfaces"
import { Effect } from "effect"
import type { ChainShape } from "../Chain.ts"
import type { ChainUnavailable } from "../ChainError.ts"
import { ChainError, refuse } from "../ChainError.ts"
import type { Hyperparameters } from "../Hyperparameters.ts"
import type { CallShapes } from "./callShapes.ts"
import { eventField } from "./extrinsics.ts"

export interface OwnerCallsEnv {
  readonly api: ApiPromise
  readonly calls: CallShapes
  /** Signs `call` for `account` and submits it; the extrinsic's events. */
  readonly submit: (
    account: string,
    call: () => Call,
    label: string,
  ) => Effect.Effect<ReadonlyArray<EventRecord>, ChainError | ChainUnavailable>
  /** The runtime's sudo key ("" without a sudo pallet). */
  readonly sudoKey: Effect.Effect<string, ChainUnavailable>
  /** Whether the signer holds `account`'s key. */
  readonly holds: (account: string) => boolean
}

export const ownerCalls = (env: OwnerCallsEnv): Pick<ChainShape, "createSubnet" | "setHyperparameters"> => {
  const { api, calls, submit, sudoKey } = env
  return {
    createSubnet: (input) =>
      Effect.gen(function*() {
        const events = yield* submit(input.coldkey, () => calls.registerNetwork(input.hotkey), "registerNetwork")
        const netuid = eventField("NetworkAdded", 0)(events)
        if (netuid === null) {
          return yield* refuse(
            "RuntimeRefused",
            "registerNetwork was included but the runtime reported no NetworkAdded",
          )
        }
        if (calls.registersOwnerHotkey) return netuid
        // 185 registers no neuron with the network, and a new network takes no registration until root raises its
        // limits: the sudo key (a dev chain's //Alice) does that here; any other owner gets the runtime's refusal.
        if ((yield* sudoKey) === input.coldkey) {
          const limits = calls.hyperparameters(netuid, { maxRegistrationsPerBlock: 255 }).calls
          const target = api.tx["adminUtils"]?.["sudoSetTargetRegistrationsPerInterval"]?.(netuid, 255)
            .method as unknown as Call | undefined
          yield* submit(
            input.coldkey,
            () => calls.batchAll([...limits, ...(target ? [target] : [])].map((c) => calls.sudo(c))),
            "registration limits of the new subnet",
          )
        }
        yield* Effect.mapError(
          submit(input.coldkey, () => calls.burnedRegister(netuid, input.hotkey), "burnedRegister (owner hotkey)"),
          (e) =>
            e._tag === "ChainError"
              ? new ChainError({
                reason: e.reason,
                detail: `subnet ${netuid} was created, but its owner hotkey was not registered: ${e.detail}`,
              })
              : e,
        )
        return netuid
      }),

    setHyperparameters: (netuid: number, coldkey: string, patch: Partial<Hyperparameters>) =>
      Effect.gen(function*() {
        const { calls: sets, unsupported } = calls.hyperparameters(netuid, patch)
        if (unsupported.length > 0) {
          return yield* refuse("InvalidHyperparameter", `this runtime has no owner call for ${unsupported.join(", ")}`)
        }
        if (sets.length === 0) return
        // The sudo key (a localnet's //Alice) may set root-only ones (tempo); an owner signs them itself.
        const batch = (yield* sudoKey) === coldkey
          ? calls.batchAll(sets.map((c) => calls.sudo(c)))
          : calls.batchAll(sets)
        // AdminUtils answers a signed call from anyone but the owner (or root) with `BadOrigin`: that is "not the owner".
        yield* Effect.mapError(
          submit(coldkey, () => batch, `setHyperparameters(${Object.keys(patch).join(", ")})`),
          (e) =>
            e._tag === "ChainError" && e.reason === "BadOrigin" && env.holds(coldkey)
              ? new ChainError({
                reason: "NotSubnetOwner",
                detail: `${coldkey} does not own subnet ${netuid}: ${e.detail}`,
              })
              : e,
        )
      }),
  }
}
