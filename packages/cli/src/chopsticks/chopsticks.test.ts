/**
 * The chopsticks launcher and `--network` without a chain: a spec that cannot run is refused naming what is wrong
 * (before anything starts), the genesis patch is deterministic, and bad network options are usage errors.
 */
import { xxhashAsHex } from "@polkadot/util-crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { main } from "../main.ts"
import { GENESIS_MS, patchSpec, SpecError } from "./patchSpec.ts"

async function run(...argv: Array<string>) {
  let stdout = ""
  let stderr = ""
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

const key = (pallet: string, item: string) => xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2)

describe("chopsticks launcher", () => {
  it("behavior: the genesis gets a fixed timestamp and slot 0; everything else is kept", () => {
    const spec = {
      name: "x",
      genesis: { raw: { top: { "0x3a636f6465": "0x00", "0x01": "0x02" }, childrenDefault: {} } },
    }
    const patched = JSON.parse(patchSpec(JSON.stringify(spec), "spec.json"))
    const top = patched.genesis.raw.top
    const le = Buffer.alloc(8)
    le.writeBigUInt64LE(GENESIS_MS)
    expect(top[key("Timestamp", "Now")]).toBe(`0x${le.toString("hex")}`)
    expect(top[key("Aura", "CurrentSlot")]).toBe("0x0000000000000000")
    expect(top["0x01"]).toBe("0x02")
    expect(patched.name).toBe("x")
    expect(patchSpec(JSON.stringify(spec), "spec.json")).toBe(JSON.stringify(patched))
  })

  it("error: a file that is not a runnable raw spec is named with what is missing", () => {
    expect(() => patchSpec("{", "a.json")).toThrow(SpecError)
    expect(() => patchSpec("{", "a.json")).toThrow(/a\.json is not JSON/)
    expect(() => patchSpec(JSON.stringify({ genesis: { runtime: {} } }), "plain.json")).toThrow(
      /plain\.json is not a raw chain spec/,
    )
    expect(() => patchSpec(JSON.stringify({ genesis: { raw: { top: {} } } }), "nocode.json")).toThrow(
      /nocode\.json has no runtime code/,
    )
  })

  it("error: `subnet localnet --chopsticks` with a bad spec is a usage error in one line, raised before chopsticks is started", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chopsticks-"))
    writeFileSync(join(dir, "plain.json"), JSON.stringify({ genesis: { runtime: {} } }))
    const r = await run("localnet", "--chopsticks", join(dir, "plain.json"), "--port", "1")
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split("\n")).toHaveLength(1)
    expect(r.stderr).toMatch(/plain\.json is not a raw chain spec/)
    const missing = await run("localnet", "--chopsticks", join(dir, "nope.json"))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/nope\.json/)
  })
})

describe("--network", () => {
  it("error: an unknown network, or both --chain and --network, is a usage error before anything connects", async () => {
    expect(await run("metagraph", "--netuid", "1", "--network", "mainnet")).toMatchObject({
      code: 2,
      stderr: "subnet metagraph: --network: expected finney, test, local or a ws:// / wss:// URL, got \"mainnet\"\n",
    })
    expect(await run("metagraph", "--netuid", "1", "--network", "http://127.0.0.1:9944")).toMatchObject({ code: 2 })
    expect(await run("metagraph", "--netuid", "1", "--network", "local", "--chain", "ws://127.0.0.1:1")).toMatchObject({
      code: 2,
      stderr: "subnet metagraph: give either --chain (a subnet localnet) or --network (a subtensor node), not both\n",
    })
  })
})
