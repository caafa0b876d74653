/**
 * `subnet storage put | get | ls`: a user's access to the storage subnet (subnets/storage). `put` hands files to a
 * validator (its inbox); `get` fetches them straight from the miners, signed as that validator's hotkey and checked
 * chunk by chunk; `ls` lists what the validator's index holds. The subnet module is loaded like `--subnet`.
 */
import type { Subnet } from "@subnetkit/core"
import { HttpTransport, keysReady, readHotkey, RemoteChain, signerLayer } from "@subnetkit/core"
import { Effect, Layer } from "effect"
import { readFileSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { UsageError } from "../errors.ts"
import type { Io } from "../Io.ts"
import { withChainRetries } from "../runtime/chainRetries.ts"
import { importDefault } from "../runtime/importDefault.ts"
import type { Args } from "./options.ts"

export const storageHelp = `Usage: subnet storage put <file...> --dir <validator storage dir> [--json]
       subnet storage get <id...> --state <validator state file> --wallet <validator wallet> [--hotkey <name>]
                          [--out <file> | --out-dir <dir>] [--dir <validator storage dir>] [--chain <url>] [--netuid <n>]
                          [--wallets <dir>] [--timeout-ms <ms>] [--json]
       subnet storage ls --state <validator state file> [--json]

put   puts files in the validator's inbox (SUBNET_STORAGE_DIR of its process); it chunks them, seals each chunk per
      miner and stores it on 3 miners. Prints each file's id.
get   fetches a file's chunks from the miners that hold them, signed as the validator's hotkey, checks each (Merkle
      root, decryption, sha256) and writes the file (--out, or --out-dir/<name>). Before the validator has stored
      every chunk, --dir lets it fall back to the inbox copy.
ls    lists the files in the validator's index: id, size, chunks, and the fewest stored copies of any chunk.

--subnet <path> names the storage subnet module (default subnets/storage/src/index.ts).
`

export type StorageArgs = Args<"storage"> & {
  readonly action: string | undefined
  readonly targets: ReadonlyArray<string>
}

/** What the storage subnet module exports beside its default (see subnets/storage/src/index.ts `client`). */
interface StorageClient {
  readonly enqueueFile: (dir: string, name: string, bytes: Uint8Array) => Promise<string>
  readonly readIndex: (stateFile: string) => any
  readonly listFiles: (
    index: any,
  ) => Array<{ id: string; name: string; size: number; chunks: number; copies: number; inInbox: boolean }>
  readonly fetchFile: (
    subnet: Subnet,
    index: any,
    file: any,
    options: object,
  ) => Effect.Effect<Uint8Array, unknown, any>
}

const need = (value: string | undefined, flag: string, usage: string): string => {
  if (value === undefined) throw new UsageError(`missing ${flag}: ${usage}. Run "subnet storage --help".`)
  return value
}

export async function storage(args: StorageArgs, io: Io): Promise<void> {
  const spec = args.subnet ?? "subnets/storage/src/index.ts"
  const subnet = (await importDefault(spec, "--subnet")) as Subnet & { client?: StorageClient }
  const client = subnet.client
  if (client === undefined) {
    throw new UsageError(`--subnet ${spec}: not the storage subnet (its default export has no client)`)
  }
  const readIndex = (file: string) => {
    try {
      return client.readIndex(file)
    } catch (e) {
      throw new UsageError(
        `--state ${file}: cannot read the validator's index: ${String((e as Error).message ?? e).split("\n")[0]}`,
      )
    }
  }
  const print = (json: unknown, human: string) => io.stdout(args.json ? JSON.stringify(json) + "\n" : human)
  if (args.action === "put") {
    const dir = need(args.dir, "--dir", "subnet storage put <file...> --dir <validator storage dir>")
    if (args.targets.length === 0) throw new UsageError(`missing the file: subnet storage put <file...> --dir <dir>`)
    const files = []
    for (const path of args.targets) {
      files.push({ id: await client.enqueueFile(dir, basename(path), readFileSync(path)), name: basename(path) })
    }
    return print({ files }, files.map((f) => `${f.id}  ${f.name}\n`).join(""))
  }
  if (args.action === "ls") {
    const files = client.listFiles(
      readIndex(need(args.state, "--state", "subnet storage ls --state <validator state file>")),
    )
    return print(
      { files },
      files.map((f) =>
        `${f.id}  ${String(f.size).padStart(10)} B  ${f.chunks} chunks  ${f.copies} copies${
          f.inInbox ? "  (in inbox)" : ""
        }  ${f.name}\n`
      ).join(""),
    )
  }
  if (args.action === "get") {
    const usage = "subnet storage get <id...> --state <file> --wallet <validator wallet>"
    const index = readIndex(need(args.state, "--state", usage))
    const wallet = need(args.wallet, "--wallet", usage)
    if (args.targets.length === 0) throw new UsageError(`missing the file id: ${usage}`)
    if (args.targets.length > 1 && args.out !== undefined) {
      throw new UsageError(`--out names one file; use --out-dir for ${args.targets.length} files`)
    }
    await Effect.runPromise(keysReady)
    const key = await readHotkey(wallet, args.hotkey ?? "default", args.wallets)
    const url = args.chain ?? "ws://127.0.0.1:9944"
    const netuid = args.netuid ?? 1
    const timeoutMs = args.timeoutMs
    const written = []
    for (const id of args.targets) {
      const file = index.files.find((f: { id: string }) => f.id === id)
      if (file === undefined) {
        throw new UsageError(`no file ${id} in ${args.state}. Run "subnet storage ls --state ${args.state}".`)
      }
      const fetch = client.fetchFile(subnet, index, file, {
        netuid,
        caller: key.address,
        dir: args.dir,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      }).pipe(
        Effect.provide(
          Layer.merge(
            RemoteChain.layer({ url }).pipe(Layer.provide(signerLayer([key]))),
            HttpTransport.layer({ keys: [key] }),
          ),
        ),
      )
      const bytes = await Effect.runPromise(withChainRetries(fetch as Effect.Effect<Uint8Array, unknown>, url, io))
      const out = args.out ?? join(args.outDir ?? ".", file.name)
      writeFileSync(out, bytes)
      written.push({ id, out, size: bytes.length })
    }
    return print({ files: written }, written.map((w) => `${w.id}  ${w.size} B → ${w.out}\n`).join(""))
  }
  throw new UsageError(
    args.action === undefined
      ? `missing the action: subnet storage put|get|ls. Run "subnet storage --help".`
      : `unknown action "${args.action}": subnet storage put|get|ls`,
  )
}
