/**
 * An external client of a subnet (no neuron needed): read the metagraph, pick the serving miners with the highest
 * incentive, send them the task signed with the caller's key, and return their answers. Miners accept it only if
 * their caller policy does (by default: a registered validator with a permit).
 */
import { Effect } from "effect"
import { syncMetagraph } from "../metagraph/Metagraph.ts"
import type { Subnet } from "../subnet/defineSubnet.ts"
import { queryMiners } from "./queryMiners.ts"

export const querySubnet = Effect.fn("Client.querySubnet")(
  function*<Task, Response>(subnet: Subnet<Task, Response>, options: {
    readonly netuid: number
    readonly task: Task
    /** The request kind (default "task"). */
    readonly kind?: string
    /** Hotkey the request is signed as (its key must be in the transport). */
    readonly caller: string
    /** How many of the top miners to ask (default 3). */
    readonly top?: number
    readonly timeoutMs?: number
  }) {
    const graph = yield* syncMetagraph(options.netuid, "light")
    const ranked = graph.uids
      .filter((uid) => graph.axons[uid] !== null && graph.hotkeys[uid] !== options.caller)
      .sort((a, b) => graph.I[b]! - graph.I[a]! || a - b)
      .slice(0, options.top ?? 3)
    return yield* queryMiners({
      subnet,
      caller: options.caller,
      timeoutMs: options.timeoutMs ?? subnet.limits.timeoutMs,
      ...(options.kind ? { kind: options.kind } : {}),
      requests: ranked.map((uid) => ({
        target: { uid, hotkey: graph.hotkeys[uid]!, axon: graph.axons[uid]! },
        task: options.task,
      })),
    })
  },
)
