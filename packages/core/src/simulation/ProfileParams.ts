/**
 * A profile's parameters as the scenario gives them, read with defaults and bounds. A missing parameter takes its
 * default; a wrong one, or one the profile never reads (a typo), is a `ScenarioError` naming its path.
 */
import { ScenarioError } from "./Scenario.ts"

export class ProfileParams {
  private readonly read = new Set<string>()

  constructor(private readonly values: Readonly<Record<string, unknown>>, readonly path: string) {}

  number(key: string, fallback: number, range: { readonly min: number; readonly max: number }): number {
    this.read.add(key)
    const value = this.values[key] ?? fallback
    if (typeof value !== "number" || !(value >= range.min && value <= range.max)) {
      throw this.error(key, `must be a number in [${range.min}, ${range.max}], got ${JSON.stringify(value)}`)
    }
    return value
  }

  integer(key: string, fallback: number, range: { readonly min: number; readonly max: number }): number {
    const value = this.number(key, fallback, range)
    if (!Number.isInteger(value)) throw this.error(key, `must be an integer, got ${value}`)
    return value
  }

  string(key: string, fallback?: string): string {
    this.read.add(key)
    const value = this.values[key] ?? fallback
    if (typeof value !== "string" || value === "") {
      throw this.error(key, `must be a non-empty string, got ${JSON.stringify(value)}`)
    }
    return value
  }

  /** Call after the profile read what it needs: a parameter it did not read is a mistake in the scenario. */
  checkAllRead(): void {
    for (const key of Object.keys(this.values)) {
      if (!this.read.has(key)) {
        throw this.error(key, `unknown parameter (this profile reads: ${[...this.read].join(", ") || "none"})`)
      }
    }
  }

  error(key: string, detail: string): ScenarioError {
    return new ScenarioError({ path: `${this.path}.${key}`, detail })
  }
}
