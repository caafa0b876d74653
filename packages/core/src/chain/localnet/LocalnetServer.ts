/**
 * `subnet localnet`'s server: one `LocalnetChain` (the mock chain's state and its signing state) served over a WebSocket on 127.0.0.1 so that many processes share
 * one chain. It produces blocks on a timer (or on `advance`), saves its whole state to a file after every change
 * (atomically) and resumes from that file after a restart.
 *
 * It treats every client as hostile (see `dispatch.ts` for decoding and signatures): messages are bounded in size,
 * a socket holds a bounded number of `waitForBlock` waiters (dropped when it closes), a client that does not read
 * its replies is disconnected, and nothing a client sends can throw out of a handler or make the state unsavable.
 * `advance` and `fund` (bounded per call) and hyperparameters of any subnet answer only to the sudo key, `//Alice`
 * unless `sudo` names another account.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import type { Fiber } from "effect"
import { Effect, Exit } from "effect"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import type { AddressInfo } from "node:net"
import type { WebSocket } from "ws"
import { WebSocketServer } from "ws"
import { writeFileAtomic } from "../../io/writeFileAtomic.ts"
import { DEV_SUDO_ADDRESS } from "../../keys/devKeys.ts"
import * as ChainHead from "../ChainHead.ts"
import type { GenesisOptions } from "../mock/ChainData.ts"
import { makeDispatcher } from "./dispatch.ts"
import { LocalnetChain } from "./LocalnetChain.ts"
import type { RpcResponse } from "./protocol.ts"
import { encode, MAX_MESSAGE_BYTES } from "./protocol.ts"

/** Waiters one socket may hold, sockets the server takes, and unread reply bytes before a client is dropped. */
const MAX_WAITERS_PER_SOCKET = 32
const MAX_CLIENTS = 256
const MAX_UNREAD_BYTES = 4 << 20

export interface LocalnetOptions extends GenesisOptions {
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Saved after every change; the chain resumes from it when it exists. */
  readonly stateFile?: string
  /** Produce a block every this many ms; omit to produce blocks only on `advance`. */
  readonly blockTimeMs?: number
  readonly mechanisms?: Readonly<Record<string, Mechanism>>
  /** The account `advance`, `fund` and any subnet's hyperparameters answer to (default `//Alice`). */
  readonly sudo?: string
  /** Where save failures are reported (default stderr); the server keeps running and keeps the last good file. */
  readonly onError?: (message: string) => void
}

export interface RunningLocalnet {
  readonly url: string
  readonly port: number
  readonly chain: LocalnetChain
  /** Writes the state now (after changes made to `chain` directly). */
  readonly save: () => Promise<void>
  /** sha256 of the state as loaded at start (equal to the saved file's when resuming, unless it had no genesis id yet). */
  readonly loadedDigest: string
  /** Open sockets, pending `waitForBlock` waiters, and clients cut off for not reading (for tests of hostile clients). */
  readonly load: () => { readonly clients: number; readonly waiters: number; readonly dropped: number }
  readonly close: () => Promise<void>
}

function loadState(file: string, options: LocalnetOptions): LocalnetChain {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return LocalnetChain.genesis(options, options.mechanisms)
    throw e
  }
  try {
    return LocalnetChain.fromFile(text, options.mechanisms)
  } catch (e) {
    throw new Error(
      `chain state ${file} cannot be used: ${String(e).replace(/\s+/g, " ")}. Move it away to start a fresh chain.`,
    )
  }
}

export async function startLocalnet(options: LocalnetOptions = {}): Promise<RunningLocalnet> {
  const chain = options.stateFile
    ? loadState(options.stateFile, options)
    : LocalnetChain.genesis(options, options.mechanisms)
  const sudo = options.sudo ?? DEV_SUDO_ADDRESS
  const onError = options.onError ?? ((message: string) => void process.stderr.write(`localnet: ${message}\n`))
  const encodeState = () => chain.toFile()
  const loadedDigest = createHash("sha256").update(encodeState()).digest("hex")
  const head = Effect.runSync(ChainHead.make(chain.block))
  const waiters = new Set<{ readonly socket: WebSocket; readonly fiber: Fiber.Fiber<number> }>()
  let saving = Promise.resolve()
  /** Saves in order (the last write is the last state); a state that cannot be encoded or written is reported, never thrown. */
  const persist = () => {
    if (options.stateFile === undefined) return saving
    let text: string
    try {
      text = encodeState()
    } catch (e) {
      onError(`state not saved (the file keeps the last good state): ${String(e)}`)
      return saving
    }
    saving = saving.then(() => writeFileAtomic(options.stateFile!, text)).catch((e) =>
      onError(`saving ${options.stateFile} failed: ${String(e)}`)
    )
    return saving
  }
  const advance = (blocks = 1) => {
    chain.advance(blocks)
    Effect.runSync(head.advanceTo(chain.block))
  }
  const dispatch = makeDispatcher(chain, sudo, advance)

  /** Sends unless the socket is gone; a client that stopped reading its replies is cut off. */
  let dropped = 0
  const reply = (socket: WebSocket, response: RpcResponse) => {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > MAX_UNREAD_BYTES) {
      dropped += 1
      return socket.terminate()
    }
    socket.send(encode(response))
  }

  const onMessage = (socket: WebSocket, data: Buffer) => {
    const outcome = dispatch(data.toString("utf8"))
    if (outcome.kind === "reply") return reply(socket, outcome.response)
    if (outcome.kind === "changed") return void persist().then(() => reply(socket, outcome.response))
    const { id, block } = outcome
    if (chain.block >= block) return reply(socket, { id, ok: true, result: chain.block })
    const mine = [...waiters].filter((w) => w.socket === socket).length
    if (mine >= MAX_WAITERS_PER_SOCKET) {
      return reply(socket, {
        id,
        ok: false,
        error: {
          reason: "InvalidArguments",
          detail: `at most ${MAX_WAITERS_PER_SOCKET} waitForBlock calls per connection`,
        },
      })
    }
    // A fiber on the chain head; it is interrupted when its socket closes.
    const waiter = { socket, fiber: Effect.runFork(head.waitFor(block)) }
    waiters.add(waiter)
    waiter.fiber.addObserver((exit) => {
      waiters.delete(waiter)
      if (Exit.isSuccess(exit)) reply(socket, { id, ok: true, result: exit.value })
    })
  }

  const wss = new WebSocketServer({
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    maxPayload: MAX_MESSAGE_BYTES,
  })
  wss.on("connection", (socket) => {
    if (wss.clients.size > MAX_CLIENTS) return socket.close(1013, "too many connections")
    socket.on("error", () => socket.terminate()) // e.g. an oversized message (1009); 'close' follows
    socket.on("close", () => {
      for (const w of waiters) if (w.socket === socket) w.fiber.interruptUnsafe()
    })
    socket.on("message", (data: Buffer) => {
      try {
        onMessage(socket, data)
      } catch (e) {
        onError(`request not handled: ${String(e)}`) // a bug, not the client's problem: the server keeps serving
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", resolve)
    wss.once("error", reject)
  })
  const timer = options.blockTimeMs === undefined ? undefined : setInterval(() => {
    try {
      advance(1)
    } catch (e) {
      onError(`block not produced: ${String(e)}`)
    }
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
    load: () => ({ clients: wss.clients.size, waiters: waiters.size, dropped }),
    close: async () => {
      clearInterval(timer)
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await saving
    },
  }
}
