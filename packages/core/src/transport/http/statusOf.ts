/** HTTP status of each refusal, and the way back: one table both sides share. */
import type { RefusalCode, WireReply } from "../Transport.ts"

export const REFUSAL_STATUS: Record<RefusalCode, number> = {
  "bad-request": 400,
  "bad-signature": 401,
  "not-allowed": 403,
  "unknown-task": 404,
  "too-large": 413,
  "overloaded": 503,
}

/** Status and JSON body of a non-ok reply. */
export function errorResponse(
  reply: Exclude<WireReply, { status: "ok" }>,
): { status: number; body: { error: string; message: string } } {
  switch (reply.status) {
    case "refused":
      return { status: REFUSAL_STATUS[reply.code], body: { error: reply.code, message: reply.detail } }
    case "timeout":
      return { status: 408, body: { error: "deadline", message: reply.detail } }
    default:
      return { status: 500, body: { error: "handler-failed", message: reply.detail } }
  }
}

/** The reply a dendrite reads from a non-200 status. */
export function replyOfStatus(status: number, message: string): WireReply {
  const code = (Object.entries(REFUSAL_STATUS) as Array<[RefusalCode, number]>).find(([, s]) => s === status)?.[0]
  if (code !== undefined) return { status: "refused", code, detail: message }
  if (status === 429) return { status: "refused", code: "overloaded", detail: message }
  if (status === 408) return { status: "timeout", detail: message }
  return { status: "error", detail: `HTTP ${status}: ${message}` }
}
