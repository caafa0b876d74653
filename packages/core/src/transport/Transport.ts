/**
 * Moves a task from a validator to a miner and the reply back. Implementations (in-process, HTTP/ws) only carry
 * bytes: what is allowed and how a task is handled is decided by the miner's `MinerEndpoint`, the same everywhere.
 */
import type { Effect, Scope } from "effect"
import { Context, Schema } from "effect"

/**
 * A request on the wire: the task already encoded with the kind's schema. A body is a JSON-like value whose leaves
 * may be `Uint8Array` (a schema's `Schema.Uint8Array`); every transport carries those bytes exactly (see `WireBody`).
 */
export interface WireRequest {
  readonly subnet: string
  /** The request kind's name (routed by name on the Axon); a subnet with one kind uses `"task"`. */
  readonly kind: string
  /** Hotkey of the validator sending it. */
  readonly caller: string
  /** Hotkey of the miner it is for. */
  readonly target: string
  readonly body: unknown
}

/** Why a request was refused; a network transport maps each to an HTTP status. */
export type RefusalCode =
  | "bad-request" // 400: malformed or not the subnet's task schema
  | "bad-signature" // 401: missing/invalid signature, stale or future timestamp, replayed uuid
  | "not-allowed" // 403: the caller policy refuses this hotkey
  | "unknown-task" // 404: not this miner's subnet or hotkey
  | "too-large" // 413
  | "overloaded" // 429 / 503

/**
 * A reply on the wire. "timeout" is produced when no reply came in time; "invalid" when a reply came but could not
 * be authenticated (a network transport checks the miner's signature on it).
 */
export type WireReply =
  (
    | { readonly status: "ok"; readonly body: unknown }
    | { readonly status: "refused"; readonly code: RefusalCode; readonly detail: string }
    | { readonly status: "error" | "timeout" | "invalid"; readonly detail: string }
  ) &
  {
    /** Set by a transport that simulates time: how long the reply took, in place of the clock's measure. */
    readonly latencyMs?: number
  }

/** Byte limits of one endpoint, on the encoded body as it travels (`WireBody`). */
export interface EndpointLimits {
  /** A larger request is refused "too-large" (413) before it is decoded. */
  readonly maxRequestBytes: number
  /** A larger answer is not sent: the caller gets an "error" instead. */
  readonly maxResponseBytes: number
}

/** Today's limits, for subnets that do not set their own: 1 MiB per request, 4 MiB per answer. */
export const defaultLimits: EndpointLimits = { maxRequestBytes: 1 << 20, maxResponseBytes: 4 << 20 }

/** A miner's request handler, built by the miner runtime and served by a transport. */
export interface MinerEndpoint {
  readonly hotkey: string
  readonly subnet: string
  /** The request kinds served; a request of another kind is refused "unknown-task" (404). */
  readonly kinds: ReadonlyArray<string>
  readonly limits: EndpointLimits
  /**
   * Why `caller` is refused, or null: a cheap check on the metagraph (no crypto), run on the *claimed* signer before
   * the signature is verified, so unregistered traffic costs no more than a lookup. `handle` may check again.
   */
  readonly admit: (caller: string) => string | null
  /** Handles a request whose caller the transport has authenticated (or, in process, trusts). */
  readonly handle: (request: WireRequest, deadlineMs: number) => Effect.Effect<WireReply>
  /** Like `handle`, reporting each streamed element to `onChunk` first; absent when the miner does not stream. */
  readonly stream?: (
    request: WireRequest,
    deadlineMs: number,
    onChunk: (body: unknown) => void,
  ) => Effect.Effect<WireReply>
  /** Priority of a caller when the miner is busy: its stake in rao (0 for unknown callers). */
  readonly priority: (caller: string) => bigint
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

/** How one call is made. */
export interface CallOptions {
  /** The reply must arrive within this time, or the call is a "timeout". */
  readonly timeoutMs: number
  /** A larger answer is not read: the call is "invalid" (default: the transport's own cap, 4 MiB). */
  readonly maxResponseBytes?: number
  /** A streaming miner's elements, reported as they arrive where the transport can stream. */
  readonly onChunk?: (body: unknown) => void
}

export class Transport extends Context.Service<Transport, {
  /** Serves an endpoint until the scope closes; returns the address to announce on chain. */
  readonly serve: (endpoint: MinerEndpoint) => Effect.Effect<Address, TransportError, Scope.Scope>
  /** Sends a request and waits at most `options.timeoutMs` for the reply (never fails: problems are reply statuses). */
  readonly call: (address: Address, request: WireRequest, options: CallOptions) => Effect.Effect<WireReply>
}>()("subnetkit/core/transport/Transport") {}
