/**
 * `subnet localnet`'s server: one `MockChainState` served over a WebSocket on 127.0.0.1 so that many processes share
 * one chain. It produces blocks on a timer (or on `advance`), saves its whole state to a file after every change
 * (atomically) and resumes from that file after a restart.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import type { AddressInfo } from "node:net"
import { WebSocketServer } from "ws"
import { writeFileAtomic } from "../../io/writeFileAtomic.ts"
import { ChainError } from "../ChainError.ts"
import { decodeChainData, encodeChainData } from "../mock/ChainData.ts"
import type { GenesisOptions } from "../mock/MockChainState.ts"
import { MockChainState } from "../mock/MockChainState.ts"
import type { Method, RpcRequest, RpcResponse } from "./protocol.ts"
import { decode, encode, METHODS } from "./protocol.ts"

export interface LocalnetOptions extends GenesisOptions {
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Saved after every change; the chain resumes from it when it exists. */
  readonly stateFile?: string
  /** Produce a block every this many ms; omit to produce blocks only on `advance`. */
  readonly blockTimeMs?: number
  readonly mechanisms?: Readonly<Record<string, Mechanism>>
}

export interface RunningLocalnet {
  readonly url: string
  readonly port: number
  readonly chain: MockChainState
  /** Writes the state now (after changes made to `chain` directly). */
  readonly save: () => Promise<void>
  /** sha256 of the state as loaded at start (equal to the saved file's when resuming). */
  readonly loadedDigest: string
  readonly close: () => Promise<void>
}

function loadState(file: string, options: LocalnetOptions): MockChainState {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return MockChainState.genesis(options, options.mechanisms)
    throw e
  }
  try {
    return MockChainState.fromData(decodeChainData(text), options.mechanisms)
  } catch (e) {
    throw new Error(`chain state ${file} cannot be used: ${String(e).replace(/\s+/g, " ")}. Move it away to start a fresh chain.`)
  }
}

export async function startLocalnet(options: LocalnetOptions = {}): Promise<RunningLocalnet> {
  const chain = options.stateFile ? loadState(options.stateFile, options) : MockChainState.genesis(options, options.mechanisms)
  const encodeState = () => encodeChainData(chain.toData())
  const loadedDigest = createHash("sha256").update(encodeState()).digest("hex")
  const waiters: Array<{ readonly block: number; readonly resolve: () => void }> = []
  let saving = Promise.resolve()
  const persist = () => {
    if (options.stateFile === undefined) return saving
    const text = encodeState()
    saving = saving.then(() => writeFileAtomic(options.stateFile!, text)) // in order: the last write is the last state
    return saving
  }
  const advance = (blocks: number) => {
    const payouts = chain.advance(blocks)
    for (const w of waiters.filter((w) => w.block <= chain.block)) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve()
    }
    return payouts
  }

  const calls: Record<Method, (...params: Array<any>) => unknown> = {
    currentBlock: () => chain.block,
    waitForBlock: (block: number) =>
      chain.block >= block ? chain.block : new Promise<number>((resolve) => waiters.push({ block, resolve: () => resolve(chain.block) })),
    balance: (coldkey: string) => chain.balance(coldkey),
    createSubnet: (input) => chain.createSubnet(input),
    hyperparameters: (netuid: number) => chain.hyperparameters(netuid),
    setHyperparameters: (netuid: number, coldkey: string, patch) => chain.setHyperparameters(netuid, coldkey, patch),
    registrationCost: (netuid: number) => chain.registrationCost(netuid),
    burnedRegister: (input) => chain.burnedRegister(input),
    addStake: (input) => chain.addStake(input),
    serveAxon: (input) => chain.serveAxon(input),
    setWeights: (input) => chain.setWeights(input),
    commitWeights: (input) => chain.commitWeights(input),
    revealWeights: (input) => chain.revealWeights(input),
    subnetState: (netuid: number) => chain.snapshot(netuid),
    advance: (blocks = 1) => advance(blocks),
    fund: (coldkey: string, rao: bigint) => chain.fund(coldkey, rao),
  }
  const mutating = new Set<string>(["createSubnet", "setHyperparameters", "burnedRegister", "addStake", "serveAxon", "setWeights", "commitWeights", "revealWeights", "advance", "fund"])

  const wss = new WebSocketServer({ host: options.host ?? "127.0.0.1", port: options.port ?? 0, maxPayload: 1 << 22 })
  wss.on("connection", (ws) => {
    ws.on("error", () => ws.terminate())
    ws.on("message", async (data: Buffer) => {
      let request: RpcRequest
      try {
        request = decode(data.toString("utf8")) as RpcRequest
        if (typeof request.id !== "number" || !(METHODS as ReadonlyArray<string>).includes(request.method) || !Array.isArray(request.params)) throw new Error()
      } catch {
        return ws.send(encode({ id: -1, ok: false, error: { reason: "InvalidArguments", detail: "a request is {id, method, params} with a known method" } }))
      }
      let response: RpcResponse
      try {
        const result = await calls[request.method as Method](...request.params)
        if (mutating.has(request.method)) await persist()
        response = { id: request.id, ok: true, result: result === undefined ? null : result }
      } catch (e) {
        response = e instanceof ChainError
          ? { id: request.id, ok: false, error: { reason: e.reason, detail: e.detail } }
          : { id: request.id, ok: false, error: { reason: "InvalidArguments", detail: (e as Error).message } }
      }
      if (ws.readyState === ws.OPEN) ws.send(encode(response))
    })
  })
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve)
    wss.once("error", reject)
  })
  const timer = options.blockTimeMs === undefined ? undefined : setInterval(() => {
    advance(1)
    void persist()
  }, options.blockTimeMs)
  await persist()
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    chain,
    save: persist,
    loadedDigest,
    close: async () => {
      clearInterval(timer)
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await saving
    },
  }
}
