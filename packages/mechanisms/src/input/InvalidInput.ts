/**
 * A mechanism input, config or fixture that cannot be used. `path` names the offending field
 * (`epochs[2].weights[3][1]`) so the caller can fix exactly that; nothing is computed from a rejected input.
 */
export class InvalidInput extends Error {
  override readonly name = "InvalidInput"
  constructor(readonly path: string, readonly reason: string) {
    super(`${path || "input"}: ${reason}`)
  }
}
