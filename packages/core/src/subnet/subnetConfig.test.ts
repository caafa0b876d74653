import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { perSettings, resolveSubnetConfig } from "./subnetConfig.ts"

const Settings = Schema.Struct({
  model: Schema.String,
  modelPath: Schema.String,
  maxNewTokens: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 512 }))),
  allowRemote: Schema.Boolean,
})
const config = {
  schema: Settings,
  defaults: { model: "tiny", modelPath: "/models", maxNewTokens: 24, allowRemote: false },
  env: "SUBNET_TEXT",
}

describe("subnet settings", () => {
  it.effect("behavior: defaults < file < environment < --set, each field on its own", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* resolveSubnetConfig("text", config), config.defaults)
      const resolved = yield* resolveSubnetConfig("text", config, {
        file: { model: "from-file", maxNewTokens: 32 },
        env: {
          SUBNET_TEXT_MODEL_PATH: "/env/models",
          SUBNET_TEXT_MAX_NEW_TOKENS: "48",
          SUBNET_TEXT_ALLOW_REMOTE: "true",
          OTHER: "x",
        },
        flags: { model: "from-flag" },
      })
      assert.deepStrictEqual(resolved, {
        model: "from-flag",
        modelPath: "/env/models",
        maxNewTokens: 48,
        allowRemote: true,
      })
    }))

  it.effect("error: a bad value names the variable, flag or file field it came from", () =>
    Effect.gen(function*() {
      const fromEnv = yield* Effect.flip(
        resolveSubnetConfig("text", config, { env: { SUBNET_TEXT_MAX_NEW_TOKENS: "lots" } }),
      )
      assert.match(fromEnv.message, /^subnet text configuration, SUBNET_TEXT_MAX_NEW_TOKENS: /)
      const fromFlag = yield* Effect.flip(resolveSubnetConfig("text", config, { flags: { maxNewTokens: "9999" } }))
      assert.match(fromFlag.message, /^subnet text configuration, --set maxNewTokens: .*512/)
      const fromFile = yield* Effect.flip(resolveSubnetConfig("text", config, { file: { allowRemote: "maybe" } }))
      assert.match(fromFile.message, /^subnet text configuration, config file field allowRemote: /)
      const unknown = yield* Effect.flip(resolveSubnetConfig("text", config, { flags: { temperature: "1" } }))
      assert.strictEqual(
        unknown.message,
        "subnet text configuration, --set temperature: no such setting (settings: model, modelPath, maxNewTokens, allowRemote)",
      )
    }))
})

describe("perSettings", () => {
  it("behavior: one build per settings object, the defaults without settings, and a build that throws is not kept", () => {
    const defaults = { n: 1 }
    const other = { n: 2 }
    let builds = 0
    let failNext = false
    const forSettings = perSettings(defaults, (s) => {
      builds++
      if (failNext) throw new Error("cannot build")
      return { twice: s.n * 2 }
    })
    assert.strictEqual(forSettings(undefined), forSettings(defaults))
    assert.strictEqual(forSettings(other).twice, 4)
    assert.strictEqual(forSettings(other), forSettings(other))
    assert.strictEqual(builds, 2)
    const third = { n: 3 }
    failNext = true
    assert.throws(() => forSettings(third), /cannot build/)
    failNext = false
    assert.strictEqual(forSettings(third).twice, 6)
    assert.strictEqual(builds, 4)
  })
})
