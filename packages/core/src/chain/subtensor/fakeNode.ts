/**
 * A fake subtensor node on 127.0.0.1 for tests of SubtensorChain with the real `@polkadot/api`, offline: it answers
 * the JSON-RPC the API and SubtensorChain use from a recorded runtime (`fixtures.ts`: its metadata, the subnet's
 * neurons and storage), includes every submitted extrinsic in the next block, and lets a test drop the connection
 * when a given method is asked (`dropOn`). Tests only.
 */
import { expandMetadata } from "@polkadot/types"
import { compactStripLength, u8aToHex } from "@polkadot/util"
import type { AddressInfo } from "node:net"
import type { WebSocket } from "ws"
import { WebSocketServer } from "ws"
import { loadFixture } from "./fixtures.ts"

export interface FakeNode {
  readonly url: string
  readonly netuid: number
  /** Every method asked, in order. */
  readonly asked: ReadonlyArray<string>
  /** The extrinsics submitted and included, as hex. */
  readonly included: ReadonlyArray<string>
  /** The next time `method` is asked, the node cuts the connection instead of answering. */
  readonly dropOn: (method: string) => void
  readonly registry: ReturnType<typeof loadFixture>["registry"]
  readonly close: () => Promise<void>
}

/** Block `n`'s header (its parent hash a stand-in: nothing checks the links). */
const headerOf = (n: number) => ({
  parentHash: `0x${Math.max(0, n - 1).toString(16).padStart(64, "0")}`,
  number: `0x${n.toString(16)}`,
  stateRoot: `0x${"00".repeat(32)}`,
  extrinsicsRoot: `0x${"00".repeat(32)}`,
  digest: { logs: [] },
})

export async function startFakeNode(spec: "spec185" | "spec218" = "spec185"): Promise<FakeNode> {
  const { fixture, registry, decorated } = loadFixture(spec)
  const q = decorated.query as unknown as Record<string, Record<string, (...args: Array<unknown>) => Uint8Array>>
  // The decorated entry gives the key length-prefixed; the node speaks of the key itself.
  const key = (pallet: string, item: string, ...args: Array<unknown>) =>
    u8aToHex(compactStripLength(q[pallet]![item]!(...args))[1])
  const netuid = fixture.netuid
  // Block hashes as the API computes them from the headers, and back.
  const hashes = new Map<number, string>()
  const numbers = new Map<string, number>()
  const hashOf = (n: number): string => {
    let hash = hashes.get(n)
    if (hash === undefined) {
      hash = registry.createType("Header", headerOf(n)).hash.toHex()
      hashes.set(n, hash)
      numbers.set(hash, n)
    }
    return hash
  }
  const numberOf = (hash: string | undefined | null): number => (hash ? numbers.get(hash) ?? block : block)
  const storage = new Map<string, string>([
    [key("subtensorModule", "networksAdded", netuid), "0x01"],
    [key("subtensorModule", "tempo", netuid), fixture.storage.tempo],
    [key("subtensorModule", "subnetOwner", netuid), fixture.storage.subnetOwner],
    [key("system", "events"), "0x00"], // no events: an included extrinsic that succeeded
  ])
  let block = fixture.block
  const blocks = new Map<number, Array<string>>()
  const asked: Array<string> = []
  const drops = new Set<string>()
  let nextSubscription = 1

  const version = {
    specName: "node-subtensor",
    implName: "node-subtensor",
    authoringVersion: 1,
    specVersion: fixture.spec,
    implVersion: 1,
    apis: [],
    transactionVersion: 1,
    stateVersion: 1,
  }
  const answers: Record<string, (params: Array<any>, socket: WebSocket) => unknown> = {
    rpc_methods: () => ({ version: 1, methods: Object.keys(answers) }),
    system_chain: () => "Development",
    system_properties: () => ({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: "TAO" }),
    chain_getBlockHash: ([n]) => hashOf(n ?? block),
    chain_getFinalizedHead: () => hashOf(block),
    chain_getHeader: ([hash]) => headerOf(numberOf(hash)),
    chain_getBlock: ([hash]) => {
      const n = numberOf(hash)
      return { block: { header: headerOf(n), extrinsics: blocks.get(n) ?? [] }, justifications: null }
    },
    state_getRuntimeVersion: () => version,
    state_getMetadata: () => fixture.metadata,
    state_getStorage: ([k]) => storage.get(k) ?? null,
    state_getKeysPaged: () => [],
    state_queryStorageAt: ([keys]) => [{
      block: hashOf(block),
      changes: keys.map((k: string) => [k, storage.get(k) ?? null]),
    }],
    state_call: ([method]) => (method.endsWith("get_neurons_lite") ? fixture.neuronsLite : fixture.neurons),
    system_accountNextIndex: () => 0,
    system_health: () => ({ peers: 0, isSyncing: false, shouldHavePeers: false }),
    chain_subscribeNewHeads: (_, socket) => subscribe(socket, "chain_newHead", headerOf(block)),
    chain_subscribeNewHead: (params, socket) => answers["chain_subscribeNewHeads"]!(params, socket),
    state_subscribeRuntimeVersion: (_, socket) => subscribe(socket, "state_runtimeVersion", version),
    chain_unsubscribeNewHead: () => true,
    chain_unsubscribeNewHeads: () => true,
    state_unsubscribeRuntimeVersion: () => true,
    author_unwatchExtrinsic: () => true,
    // The extrinsic goes into the next block, which is announced to the new-heads subscribers too.
    author_submitAndWatchExtrinsic: ([hex], socket) => {
      block += 1
      blocks.set(block, [hex])
      included.push(hex)
      const id = subscribe(socket, "author_extrinsicUpdate", "ready")
      setImmediate(() => notify(socket, "author_extrinsicUpdate", id, { inBlock: hashOf(block) }))
      for (const s of heads) notify(s.socket, "chain_newHead", s.id, headerOf(block))
      return id
    },
  }
  const included: Array<string> = []
  const heads: Array<{ socket: WebSocket; id: string }> = []

  const notify = (socket: WebSocket, method: string, subscription: string, result: unknown) =>
    socket.send(JSON.stringify({ jsonrpc: "2.0", method, params: { subscription, result } }))
  /** A subscription id, with its first notification sent right after the id. */
  function subscribe(socket: WebSocket, method: string, first: unknown): string {
    const id = `sub${nextSubscription++}`
    if (method === "chain_newHead") heads.push({ socket, id })
    setImmediate(() => notify(socket, method, id, first))
    return id
  }

  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 })
  wss.on("connection", (socket) => {
    socket.on("close", () => heads.splice(0, heads.length, ...heads.filter((h) => h.socket !== socket)))
    socket.on("message", (data: Buffer) => {
      const { id, method, params } = JSON.parse(data.toString("utf8"))
      asked.push(method)
      if (drops.delete(method)) return socket.terminate()
      const answer = answers[method]
      socket.send(JSON.stringify(
        answer === undefined
          ? { jsonrpc: "2.0", id, error: { code: -32601, message: `${method} is not served by the fake node` } }
          : { jsonrpc: "2.0", id, result: answer(params ?? [], socket) },
      ))
    })
  })
  await new Promise<void>((resolve) => wss.once("listening", resolve))
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    netuid,
    asked,
    included,
    dropOn: (method) => void drops.add(method),
    registry,
    close: () => {
      for (const client of wss.clients) client.terminate()
      return new Promise((resolve) => wss.close(() => resolve()))
    },
  }
}
