/**
 * The storage subnet as real processes on a localnet: 1 validator and 8 miners (separate processes, their own data
 * directories), 50 files of random sizes from 1 B to 8 MiB put through `subnet storage put`. Two miners (R − 1) are
 * SIGKILLed; all 50 files come back byte-identical through `subnet storage get`, and the validator repairs until
 * every chunk has 3 live copies. Then a third miner is killed and the validator is SIGKILLed right after it recorded
 * a repair (mid-repair): it restarts with an index that decodes and matches the miners' disks, finishes the repair,
 * and the files still come back whole. And `subnet simulate` runs the shipped scenario.
 */
import { keysReady, readHotkey, seededRandom, ValidatorState } from "@subnetkit/core"
import { Effect, Schema } from "effect"
import { createCipheriv, createHash } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { merkleRoot, StorageState } from "../subnets/storage/src/index.ts"
import { exited, killAll, stop, subnet } from "./processes.ts"

afterAll(killAll)

const MiB = 1 << 20
const FILES = 50
const MINERS = 8
type Index = typeof StorageState.Type

/** The validator's index, or null while its state file does not exist or holds no index yet. */
function readIndex(stateFile: string): Index | null {
  if (!existsSync(stateFile)) return null
  const state = Schema.decodeUnknownSync(Schema.fromJsonString(ValidatorState))(readFileSync(stateFile, "utf8"))
  return state.subnet === undefined ? null : Schema.decodeUnknownSync(StorageState)(state.subnet)
}

/** Polls the state file (it is written atomically) until `done` holds; the ceiling only bounds a broken run. */
async function untilIndex(
  stateFile: string,
  what: string,
  done: (index: Index) => boolean,
  ceilingMs = 150_000,
): Promise<Index> {
  const deadline = Date.now() + ceilingMs
  for (;;) {
    const index = readIndex(stateFile)
    if (index !== null && done(index)) return index
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ceilingMs} ms`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Every chunk of all `files` files has 3 stored replicas, none on `dead` hotkeys. */
const healed = (files: number, dead: ReadonlySet<string>) => (index: Index) =>
  index.files.length === files &&
  index.files.every((f) =>
    f.chunks.every((c) => c.replicas.filter((r) => r.status === "stored" && !dead.has(r.hotkey)).length === 3)
  )

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")

describe("storage subnet as real processes", () => {
  it(
    "behavior: 50 files on 8 miners; 2 miners SIGKILLed; every file back byte-identical; repaired to 3 live copies; a validator SIGKILLed mid-repair finishes it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "subnet-storage-"))
      const wallets = join(dir, "wallets")
      const chain = subnet([
        "localnet",
        "--port",
        "0",
        "--block-time",
        "0.2",
        "--tempo",
        "20",
        "--state",
        join(dir, "chain.json"),
        "--wallets",
        wallets,
        "--preset",
        `1,${MINERS}`,
      ])
      const ready = JSON.parse(await chain.waitFor(/"url"/))
      const common = [
        "--subnet",
        "subnets/storage/src/index.ts",
        "--wallets",
        wallets,
        "--chain",
        ready.url,
        "--netuid",
        String(ready.netuid),
      ]
      const env = {
        SUBNET_STORAGE_PROBE_FILES: "0",
        SUBNET_STORAGE_OFFLINE_STEPS: "10",
        SUBNET_STORAGE_MAX_FAILURES: "2",
      }
      const dataDir = (i: number) => join(dir, "miners", `miner-${i}`)
      const miners = Array.from(
        { length: MINERS },
        (_, i) =>
          subnet(["miner", ...common, "--wallet", `localnet-miner-${i + 1}`, "--data-dir", dataDir(i + 1)], env),
      )
      await Promise.all(miners.map((m) => m.waitFor(/miner\.serving/)))
      await Effect.runPromise(keysReady)
      const hotkeys = await Promise.all(
        miners.map((_, i) => readHotkey(`localnet-miner-${i + 1}`, "default", wallets).then((k) => k.address)),
      )
      const validatorKey = (await readHotkey("localnet-validator-1", "default", wallets)).address
      const spool = join(dir, "spool")
      const stateFile = join(dir, "validator.json")
      const validatorArgs = [
        "validator",
        ...common,
        "--wallet",
        "localnet-validator-1",
        "--timeout-ms",
        "15000",
        "--state",
        stateFile,
      ]
      let validator = subnet(validatorArgs, { ...env, SUBNET_STORAGE_DIR: spool })
      await validator.waitFor(/validator\.started/)

      // 50 files: 1 B, 8 MiB, and 48 sizes log-uniform in between (seeded).
      const random = seededRandom(14)
      const sizes = [
        1,
        8 * MiB,
        ...Array.from(
          { length: FILES - 2 },
          () => Math.max(1, Math.round(Math.exp(random.next() * Math.log(8 * MiB)))),
        ),
      ]
      const inputs = join(dir, "in")
      mkdirSync(inputs)
      const paths = sizes.map((size, i) => {
        const bytes = createCipheriv("aes-256-ctr", createHash("sha256").update(`file-${i}`).digest(), Buffer.alloc(16))
          .update(Buffer.alloc(size))
        const path = join(inputs, `file-${i}.bin`)
        writeFileSync(path, bytes)
        return path
      })
      const put = subnet(["storage", "put", ...paths, "--dir", spool, "--json"])
      const ids: Array<string> = JSON.parse(await put.waitFor(/^\{"files"/)).files.map((f: { id: string }) => f.id)
      expect(await exited(put)).toBe(0)
      expect(ids.length).toBe(FILES)
      const expected = new Map(ids.map((id, i) => [id, sha(readFileSync(paths[i]!))]))

      const stored = await untilIndex(stateFile, "50 files stored 3 times", healed(FILES, new Set()))
      const totalBytes = sizes.reduce((a, b) => a + b, 0)
      const chunks = stored.files.reduce((a, f) => a + f.chunks.length, 0)
      console.log(`storage e2e: ${FILES} files, ${(totalBytes / MiB).toFixed(1)} MiB, ${chunks} chunks stored 3 times`)

      // SIGKILL the two miners holding the most replicas.
      const load = hotkeys.map((h) =>
        stored.files.reduce((a, f) => a + f.chunks.filter((c) => c.replicas.some((r) => r.hotkey === h)).length, 0)
      )
      const victims = load.map((l, i) => [l, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 2).map(([, i]) => i)
      for (const i of victims) {
        miners[i]!.child.kill("SIGKILL")
        await exited(miners[i]!)
      }
      const dead = new Set(victims.map((i) => hotkeys[i]!))

      const getAll = async (outDir: string) => {
        mkdirSync(outDir, { recursive: true })
        const get = subnet([
          "storage",
          "get",
          ...ids,
          "--state",
          stateFile,
          "--wallet",
          "localnet-validator-1",
          "--wallets",
          wallets,
          "--chain",
          ready.url,
          "--netuid",
          String(ready.netuid),
          "--out-dir",
          outDir,
          "--timeout-ms",
          "15000",
          "--json",
        ])
        const got = JSON.parse(await get.waitFor(/^\{"files"/, 120_000)).files as Array<{ id: string; out: string }>
        expect(await exited(get)).toBe(0)
        expect(got.length).toBe(FILES)
        for (const g of got) expect(sha(readFileSync(g.out)), g.id).toBe(expected.get(g.id))
      }
      await getAll(join(dir, "out-1"))

      await untilIndex(stateFile, "repaired to 3 live copies after 2 miners died", healed(FILES, dead))
      const ls = subnet(["storage", "ls", "--state", stateFile, "--json"])
      const listed = JSON.parse(await ls.waitFor(/^\{"files"/)).files as Array<
        { id: string; size: number; copies: number }
      >
      expect(await exited(ls)).toBe(0)
      expect(listed.map((f) => f.id).sort()).toEqual([...ids].sort())
      expect(listed.every((f) => f.copies >= 3)).toBe(true)

      // A third miner dies; once it counts as offline the validator records new holders for all its replicas at once,
      // and is SIGKILLed as soon as it logs that (the stores are then in flight), and restarted.
      const third =
        load.map((l, i) => [l, i] as const).filter(([, i]) => !victims.includes(i)).sort((a, b) => b[0] - a[0])[0]![1]
      const seen = validator.lines.length
      miners[third]!.child.kill("SIGKILL")
      await exited(miners[third]!)
      dead.add(hotkeys[third]!)
      const bigRepair = /storage\.repairing replicas=(\d{2,}|[5-9])\b/
      // (the earlier repair logged such a line too: only lines after `seen` count)
      for (const deadline = Date.now() + 120_000; !validator.lines.slice(seen).some((l) => bigRepair.test(l));) {
        if (Date.now() > deadline) {
          throw new Error(`no ${bigRepair} within 120 s; last lines:\n${validator.lines.slice(-8).join("\n")}`)
        }
        await new Promise((r) => setTimeout(r, 10))
      }
      validator.child.kill("SIGKILL")
      await exited(validator)
      const midRepair = readIndex(stateFile)!
      expect(midRepair.files.length).toBe(FILES)
      const pending = midRepair.files.reduce(
        (a, f) => a + f.chunks.reduce((b, c) => b + c.replicas.filter((r) => r.status === "pending").length, 0),
        0,
      )
      console.log(`storage e2e: validator killed with ${pending} replicas pending (recorded, not yet acknowledged)`)
      expect(healed(FILES, dead)(midRepair)).toBe(false) // killed mid-repair, not after it
      validator = subnet(validatorArgs, { ...env, SUBNET_STORAGE_DIR: spool })
      await validator.waitFor(/validator\.started/)
      const final = await untilIndex(stateFile, "repair finished after the validator restarted", healed(FILES, dead))

      // Consistent with the disks: every replica a live miner holds is in the index for that miner, with its root.
      const alive = hotkeys.map((h, i) => [h, i] as const).filter(([h]) => !dead.has(h))
      for (const [hotkey, i] of alive) {
        const held = join(dataDir(i + 1), "chunks", validatorKey)
        const onDisk = existsSync(held) ? readdirSync(held).filter((f) => !f.startsWith(".")) : []
        const recorded = new Map(
          final.files.flatMap((f) =>
            f.chunks.flatMap((c) =>
              c.replicas.filter((r) => r.hotkey === hotkey).map((r) => [`${f.id}-${c.index}` as string, r] as const)
            )
          ),
        )
        for (const id of onDisk) expect(recorded.has(id), `${id} on miner ${i + 1} is not in the index`).toBe(true)
        for (const [id, r] of recorded) {
          if (r.status === "stored") expect(merkleRoot(readFileSync(join(held, id))), id).toBe(r.root)
        }
      }
      await getAll(join(dir, "out-2"))
      for (const p of [validator, ...miners.filter((_, i) => !dead.has(hotkeys[i]!)), chain]) {
        expect(await stop(p)).toBe(0)
      }
    },
    280_000,
  )

  it("behavior: subnet simulate runs the shipped scenario: honest miners earn the most per hotkey, hash-only and proxying nothing", async () => {
    const run = subnet(["simulate", "--scenario", "subnets/storage/scenario.json", "--epochs", "8", "--json"])
    const result = JSON.parse(await run.waitFor(/^\{"scenario"/))
    expect(await exited(run)).toBe(0)
    const perHotkey = (group: string) => {
      const miners = result.miners.filter((m: { group: string }) => m.group === group) as Array<{ emissionTao: number }>
      return miners.reduce((a, m) => a + m.emissionTao, 0) / miners.length
    }
    for (const other of ["hash-only", "proxying", "flaky", "offline"]) {
      expect(perHotkey("honest"), other).toBeGreaterThan(perHotkey(other))
    }
    expect(perHotkey("hash-only")).toBe(0)
    expect(perHotkey("proxying")).toBe(0)
  })
})
