import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { chainCalls } from "./chainCalls.ts"

const decodes = (params: ReadonlyArray<unknown>) =>
  Schema.is(Schema.Tuple(chainCalls.setHyperparameters.params))(params)
const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"

describe("chainCalls: setHyperparameters' patch on the wire", () => {
  it("behavior: known names with values of their types pass; their bounds are left to the chain", () => {
    assert.isTrue(decodes([1, ALICE, { tempo: 20, minBurnRao: 5n, commitRevealEnabled: true }]))
    assert.isTrue(decodes([1, ALICE, { tempo: 0 }])) // the chain refuses it: InvalidHyperparameter
  })

  it("error: unknown names, values of another type and non-objects are refused", () => {
    for (
      const patch of [{ burnRao: 5 }, { tempo: "20" }, { minBurnRao: 5 }, { registrationAllowed: 1 }, [1, 2], null]
    ) {
      assert.isFalse(decodes([1, ALICE, patch]), JSON.stringify(patch))
    }
  })
})
