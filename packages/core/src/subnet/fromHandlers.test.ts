/** The settings slot: a subnet's functions built from its resolved settings, once per settings object. */
import { Effect, Schema, Stream } from "effect"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it } from "vitest"
import echo from "../examples/echo.ts"
import { defineSubnet, kind } from "./defineSubnet.ts"
import { minerContext } from "./minerContext.ts"
import { seededRandom } from "./seededRandom.ts"
import { resolveSubnetConfig, SubnetConfigError } from "./subnetConfig.ts"

const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect as Effect.Effect<A>)
const Text = Schema.Struct({ text: Schema.String })

describe("handlers", () => {
  it("behavior: each call runs the handlers of the settings it is given; the defaults without settings", async () => {
    const settings = await run(resolveSubnetConfig("echo", echo.config!, { flags: { prefix: "#" } }))
    const answer = (config: unknown) => run(echo.miner({ text: "hi" }, minerContext({ hotkey: "m", config })))
    assert.deepStrictEqual(await answer(settings), { text: "# hi" })
    assert.deepStrictEqual(await answer(undefined), { text: "> hi" })
    const ctx = { config: settings, hotkey: "v", step: 1, random: seededRandom(1), truth: undefined as never }
    const task = await run(echo.generate!(ctx))
    const right = { uid: 0, hotkey: "m", status: "ok" as const, response: { text: `# ${task.text}` }, latencyMs: 1 }
    const wrong = { ...right, response: { text: `> ${task.text}` } }
    assert.deepStrictEqual(await run(echo.validator.score(task, [right, wrong], ctx)), [1, 0])
  })

  it("behavior: one build per settings object, and one with the defaults when the subnet is defined", async () => {
    const built: Array<string> = []
    const subnet = defineSubnet({
      name: "count",
      version: "1.0.0",
      config: { schema: Schema.Struct({ prefix: Schema.String }), defaults: { prefix: "d" } },
      task: Text,
      response: Text,
      handlers: (settings) => {
        built.push(settings.prefix)
        return {
          miner: (task) => Effect.succeed({ text: settings.prefix + task.text }),
          validator: { generate: () => Effect.succeed({ text: "" }), score: () => Effect.succeed([]) },
        }
      },
    })
    assert.deepStrictEqual(built, ["d"])
    const other = { prefix: "o" }
    for (let i = 0; i < 3; i++) await run(subnet.miner({ text: "x" }, minerContext({ hotkey: "m", config: other })))
    await run(subnet.miner({ text: "x" }, minerContext({ hotkey: "m" })))
    assert.deepStrictEqual(built, ["d", "o"])
  })

  it("behavior: a subnet has the optional functions its defaults' handlers have, and no others", () => {
    assert.strictEqual(echo.minerStream, undefined)
    assert.strictEqual(echo.lazyMiner, undefined)
    assert.strictEqual(echo.prepare, undefined)
    const streaming = defineSubnet({
      name: "streaming",
      version: "1.0.0",
      config: { schema: Schema.Struct({}), defaults: {} },
      task: Text,
      response: Text,
      handlers: () => ({
        miner: (task) => Effect.succeed(task),
        minerStream: (task) => Stream.make(task, task),
        lazyMiner: () => Effect.succeed({ text: "" }),
        prepare: () => Effect.void,
        validator: { generate: () => Effect.succeed({ text: "" }), score: () => Effect.succeed([]) },
      }),
    })
    assert.isFunction(streaming.minerStream)
    assert.isFunction(streaming.lazyMiner)
    assert.isFunction(streaming.prepare)
  })

  it("error: handlers that throw for some settings fail those calls and prepare, not the process", async () => {
    const subnet = defineSubnet({
      name: "picky",
      version: "1.0.0",
      config: { schema: Schema.Struct({ prefix: Schema.String }), defaults: { prefix: "ok" } },
      task: Text,
      response: Text,
      handlers: (settings) => {
        if (settings.prefix === "bad") {
          throw new SubnetConfigError({ subnet: "picky", where: "setting prefix", detail: "not allowed" })
        }
        return {
          miner: (task) => Effect.succeed(task),
          prepare: () => Effect.void,
          validator: { generate: () => Effect.succeed({ text: "" }), score: () => Effect.succeed([]) },
        }
      },
    })
    const bad = { prefix: "bad" }
    const failure = await run(Effect.flip(subnet.prepare!("miner", bad)))
    assert.instanceOf(failure, SubnetConfigError)
    const call = await run(Effect.flip(subnet.miner({ text: "x" }, minerContext({ hotkey: "m", config: bad }))))
    assert.match(String(call), /setting prefix: not allowed/)
  })

  it("behavior: the stateful shape takes its kinds' schemas and state from the defaults, its handlers per settings", async () => {
    const Count = Schema.Struct({ n: Schema.Int })
    const subnet = defineSubnet({
      name: "rounds",
      version: "1.0.0",
      config: { schema: Schema.Struct({ step: Schema.Int }), defaults: { step: 1 } },
      handlers: (settings) => ({
        kinds: {
          add: kind({ task: Count, response: Count, miner: (task) => Effect.succeed({ n: task.n + settings.step }) }),
        },
        validator: {
          state: { schema: Count, initial: { n: 0 } },
          round: () => Effect.succeed([{ uid: 0, reward: settings.step / 10 }]),
        },
      }),
    })
    assert.deepStrictEqual(Object.keys(subnet.kinds), ["add"])
    assert.strictEqual(subnet.kinds["add"]!.task, Count)
    assert.deepStrictEqual(subnet.state?.initial, { n: 0 })
    const ctx = minerContext({ hotkey: "m", kind: "add", config: { step: 5 } })
    assert.deepStrictEqual(await run(subnet.miner({ n: 1 }, ctx)), { n: 6 })
    assert.deepStrictEqual(await run(subnet.round({ config: { step: 3 } } as never)), [{ uid: 0, reward: 0.3 }])
  })

  it("behavior: the core README's Settings example is an excerpt of examples/echo.ts", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8")
    const section = readme.slice(readme.indexOf("## Settings"), readme.indexOf("## The pieces"))
    const block = /```ts\n([\s\S]*?)```/.exec(section)![1]!.trim()
    assert.include(readFileSync(join(import.meta.dirname, "../examples/echo.ts"), "utf8"), block)
  })
})
