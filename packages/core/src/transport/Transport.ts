/**
 * Moves a task from a validator to a miner and the reply back. Implementations (in-process, HTTP/ws) only carry
 * bytes: what is allowed and how a task is handled is decided by the miner's `MinerEndpoint`, the same everywhere.
 */
import type { Effect, Scope } from "effect"
import { Context, Schema } from "effect"

/** A request on the wire: the task already encoded with the subnet's schema. */
export interface WireRequest {
  readonly subnet: string
  /** Hotkey of the validator sending it. */
  readonly caller: string
  /** Hotkey of the miner it is for. */
  readonly target: string
  readonly body: unknown
}

/** A reply on the wire. "timeout" is produced by the caller's transport when no reply came in time. */
export type WireReply =
  | { readonly status: "ok"; readonly body: unknown }
  | { readonly status: "refused" | "error" | "timeout"; readonly detail: string }

/** A miner's request handler, built by the miner runtime and served by a transport. */
export interface MinerEndpoint {
  readonly hotkey: string
  readonly handle: (request: WireRequest, deadlineMs: number) => Effect.Effect<WireReply>
}

export interface Address {
  readonly ip: string
  readonly port: number
}

/** The transport could not serve an endpoint (e.g. the port is taken). */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", { detail: Schema.String }) {
  override get message(): string {
    return this.detail
  }
}

export class Transport extends Context.Service<Transport, {
  /** Serves an endpoint until the scope closes; returns the address to announce on chain. */
  readonly serve: (endpoint: MinerEndpoint) => Effect.Effect<Address, TransportError, Scope.Scope>
  /** Sends a request and waits at most `timeoutMs` for the reply (never fails: problems are reply statuses). */
  readonly call: (address: Address, request: WireRequest, timeoutMs: number) => Effect.Effect<WireReply>
}>()("subnetkit/core/transport/Transport") {}
