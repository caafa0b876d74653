/**
 * The localnet server against hostile clients on real WebSockets: unsigned, wrongly signed, replayed and
 * impersonating calls, the six wrongly typed payloads that used to corrupt the state, malformed and oversized
 * messages, a flood of waiters, and a client that never reads. Each must be refused, leave the server running, and
 * leave its state (in memory and in the saved file) exactly as it was.
 */
import { Effect, Layer } from "effect"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import WebSocket from "ws"
import { devKeypair, devSudoKeypair } from "../../keys/devKeys.ts"
import type { Keypair } from "../../keys/Keys.ts"
import { keysReady, signMessage } from "../../keys/Keys.ts"
import { setupLocalSubnet } from "../../testing/localSubnet.ts"
import { Chain } from "../Chain.ts"
import { decodeChainData } from "../mock/ChainData.ts"
import { devSignerLayer } from "../Signer.ts"
import type { RunningLocalnet } from "./LocalnetServer.ts"
import { startLocalnet } from "./LocalnetServer.ts"
import type { RpcResponse } from "./protocol.ts"
import { decode, encode, MAX_MESSAGE_BYTES, signingMessage } from "./protocol.ts"
import * as RemoteChain from "./RemoteChain.ts"

const TAO = 1_000_000_000n

/** A raw client: sends anything, and reads the replies in order. */
class RawClient {
  readonly socket: WebSocket
  private readonly replies: Array<RpcResponse> = []
  private wake: (() => void) | null = null
  readonly closed: Promise<number>
  private nextId = 1000

  /** `genesis`: the chain id signatures cover. */
  constructor(url: string, private readonly genesis: string) {
    this.socket = new WebSocket(url)
    this.socket.on("message", (data: Buffer) => {
      this.replies.push(decode(data.toString("utf8")) as RpcResponse)
      this.wake?.()
    })
    this.socket.on("error", () => {})
    this.closed = new Promise((resolve) => this.socket.on("close", (code) => resolve(code)))
  }

  open = () =>
    new Promise<void>((
      resolve,
      reject,
    ) => (this.socket.once("open", () => resolve()), this.socket.once("error", reject)))

  async next(): Promise<RpcResponse> {
    while (this.replies.length === 0) await new Promise<void>((resolve) => (this.wake = resolve))
    return this.replies.shift()!
  }

  /** Sends text and waits for its one reply. */
  async raw(text: string): Promise<RpcResponse> {
    this.socket.send(text)
    return this.next()
  }

  /** A request object (bigints encoded), optionally signed by `pair` as `account` with `nonce`. */
  request(
    method: string,
    params: ReadonlyArray<unknown>,
    sign?: { pair: Keypair; account?: string; nonce: number; signedParams?: ReadonlyArray<unknown>; genesis?: string },
  ) {
    const signed = sign === undefined ? undefined : {
      account: sign.account ?? sign.pair.address,
      nonce: sign.nonce,
      signature: signMessage(
        sign.pair,
        signingMessage(sign.genesis ?? this.genesis, method, sign.signedParams ?? params, sign.nonce),
      ),
    }
    return encode({ id: this.nextId++, method, params, ...(signed ? { signed } : {}) })
  }
}

describe("localnet server: hostile clients", () => {
  let server: RunningLocalnet
  let stateFile: string
  let netuid: number
  const v1 = devKeypair("v1-hot")
  const v1Cold = devKeypair("v1-cold")
  const m1 = devKeypair("m1-hot")
  const attacker = devKeypair("attacker")
  const sudo = () => devSudoKeypair()
  const nonceOf = (pair: Keypair) => server.chain.lastNonce(pair.address) + 1
  /** Everything the server holds: its whole state in memory and the saved file. */
  const observe = async () => {
    await server.save()
    return { data: server.chain.toData(), file: readFileSync(stateFile, "utf8") }
  }

  beforeAll(async () => {
    await Effect.runPromise(keysReady)
    stateFile = join(mkdtempSync(join(tmpdir(), "localnet-hostile-")), "chain.json")
    server = await startLocalnet({
      stateFile,
      onError: (m) => {
        throw new Error(`the server reported: ${m}`)
      },
    })
    netuid = await Effect.runPromise(
      Effect.gen(function*() {
        const { netuid } = yield* setupLocalSubnet({
          validatorStakesTao: [30, 10],
          miners: 3,
          hyperparameters: { tempo: 10, weightsRateLimit: 0 },
        })
        const chain = yield* Chain
        yield* chain.serveAxon({ netuid, hotkey: m1.address, ip: "127.0.0.1", port: 8091 })
        return netuid
      }).pipe(
        Effect.provide(RemoteChain.layer({ url: server.url }).pipe(Layer.provide(devSignerLayer))),
        Effect.scoped,
      ),
    )
  }, 60_000)
  afterAll(() => server?.close())

  it(
    "error: 50+ unsigned, wrongly signed, replayed, impersonating and malformed requests are refused and change nothing",
    async () => {
      const client = new RawClient(server.url, server.chain.genesisId())
      await client.open()
      // A correctly signed call first: its exact message is what the replays below resend.
      const weights = { netuid, hotkey: v1.address, uids: [3, 4], weights: [1, 2], versionKey: 0 }
      const firstNonce = nonceOf(v1)
      const genuine = client.request("setWeights", [weights], { pair: v1, nonce: firstNonce })
      expect(await client.raw(genuine)).toMatchObject({ ok: true })
      const before = await observe()

      const stake = { netuid, coldkey: v1Cold.address, hotkey: v1.address, amountRao: TAO }
      const axon = { netuid, hotkey: m1.address, ip: "10.6.6.6", port: 6666 }
      const x = attacker.address
      const hostile: Array<readonly [label: string, text: string, reason: string]> = [
        // Unsigned: every mutating method.
        ["unsigned createSubnet", client.request("createSubnet", [{ coldkey: x, hotkey: x }]), "BadOrigin"],
        ["unsigned setHyperparameters", client.request("setHyperparameters", [netuid, x, { tempo: 1 }]), "BadOrigin"],
        ["unsigned burnedRegister", client.request("burnedRegister", [{ netuid, coldkey: x, hotkey: x }]), "BadOrigin"],
        ["unsigned addStake", client.request("addStake", [stake]), "BadOrigin"],
        ["unsigned serveAxon (a miner's axon elsewhere)", client.request("serveAxon", [axon]), "BadOrigin"],
        ["unsigned setWeights", client.request("setWeights", [weights]), "BadOrigin"],
        [
          "unsigned commitWeights",
          client.request("commitWeights", [{ netuid, hotkey: v1.address, commitHash: "0x00" }]),
          "BadOrigin",
        ],
        ["unsigned revealWeights", client.request("revealWeights", [{ ...weights, salt: [1] }]), "BadOrigin"],
        ["unsigned advance", client.request("advance", [5]), "BadOrigin"],
        ["unsigned fund (fund itself)", client.request("fund", [x, 1_000n * TAO]), "BadOrigin"],
        // Wrong signatures.
        [
          "zero signature",
          client.request("setWeights", [weights]).replace(
            /}$/,
            `,"signed":{"account":"${v1.address}","nonce":${firstNonce + 1},"signature":"0x${"0".repeat(128)}"}}`,
          ),
          "BadOrigin",
        ],
        [
          "signature over other params",
          client.request("setWeights", [weights], {
            pair: v1,
            nonce: firstNonce + 1,
            signedParams: [{ ...weights, weights: [9, 9] }],
          }),
          "BadOrigin",
        ],
        [
          "signature for another localnet (its genesis id)",
          client.request("setWeights", [weights], { pair: v1, nonce: firstNonce + 1, genesis: "ab".repeat(32) }),
          "BadOrigin",
        ],
        [
          "signature under another method",
          client.request("commitWeights", [{ netuid, hotkey: v1.address, commitHash: "0x00" }], {
            pair: v1,
            nonce: firstNonce + 1,
            signedParams: [weights],
          }),
          "BadOrigin",
        ],
        // Signed by another key.
        [
          "attacker signs as the validator",
          client.request("setWeights", [weights], { pair: attacker, account: v1.address, nonce: 1 }),
          "BadOrigin",
        ],
        [
          "attacker signs for itself, acting for the validator",
          client.request("setWeights", [weights], { pair: attacker, nonce: 1 }),
          "BadOrigin",
        ],
        [
          "attacker moves another coldkey's stake",
          client.request("addStake", [stake], { pair: attacker, nonce: 1 }),
          "BadOrigin",
        ],
        [
          "attacker points a miner's axon elsewhere",
          client.request("serveAxon", [axon], { pair: attacker, nonce: 1 }),
          "BadOrigin",
        ],
        ["attacker funds itself", client.request("fund", [x, 1_000n * TAO], { pair: attacker, nonce: 1 }), "BadOrigin"],
        ["attacker advances the chain", client.request("advance", [100], { pair: attacker, nonce: 1 }), "BadOrigin"],
        [
          "attacker signs as sudo",
          client.request("fund", [x, TAO], { pair: attacker, account: sudo().address, nonce: 1 }),
          "BadOrigin",
        ],
        [
          "validator's hotkey signs a coldkey call",
          client.request("addStake", [stake], { pair: v1, nonce: firstNonce + 1 }),
          "BadOrigin",
        ],
        // Replays.
        ["replay of the genuine call", genuine, "BadOrigin"],
        [
          "same call, an older nonce",
          client.request("setWeights", [weights], { pair: v1, nonce: firstNonce - 1 }),
          "BadOrigin",
        ],
        ["same call, nonce 0", client.request("setWeights", [weights], { pair: v1, nonce: 0 }), "BadOrigin"],
        // The six wrongly typed payloads of the issue, each unsigned and correctly signed.
        ...[false, true].flatMap((signed) => {
          const s = (pair: Keypair) => (signed ? { pair, nonce: nonceOf(pair) } : undefined)
          const tag = signed ? "signed" : "unsigned"
          return [
            [`${tag} fund(x, "5")`, client.request("fund", [x, "5"], s(sudo())), "InvalidArguments"],
            [`${tag} fund(x, {})`, client.request("fund", [x, {}], s(sudo())), "InvalidArguments"],
            [
              `${tag} fund to an account named toString`,
              client.request("fund", ["toString", TAO], s(sudo())),
              "InvalidArguments",
            ],
            [
              `${tag} string axon version`,
              client.request("serveAxon", [{ ...axon, version: "1" }], s(m1)),
              "InvalidArguments",
            ],
            [
              `${tag} negative protocol`,
              client.request("serveAxon", [{ ...axon, protocol: -4 }], s(m1)),
              "InvalidArguments",
            ],
            [
              `${tag} object as hotkey`,
              client.request("setWeights", [{ ...weights, hotkey: { toString: v1.address } }], s(v1)),
              "InvalidArguments",
            ],
          ] as const
        }),
        // Out of bounds, even from the sudo key.
        [
          "fund above the per-call bound",
          client.request("fund", [x, 10n ** 16n], { pair: sudo(), nonce: nonceOf(sudo()) }),
          "InvalidArguments",
        ],
        [
          "fund a negative amount",
          client.request("fund", [x, -5n], { pair: sudo(), nonce: nonceOf(sudo()) }),
          "InvalidArguments",
        ],
        [
          "advance a million blocks",
          client.request("advance", [1_000_000], { pair: sudo(), nonce: nonceOf(sudo()) }),
          "InvalidArguments",
        ],
        [
          "advance zero blocks",
          client.request("advance", [0], { pair: sudo(), nonce: nonceOf(sudo()) }),
          "InvalidArguments",
        ],
        [
          "stake above u64",
          client.request("addStake", [{ ...stake, amountRao: 1n << 70n }], { pair: v1Cold, nonce: nonceOf(v1Cold) }),
          "InvalidArguments",
        ],
        [
          "stake as a float",
          client.request("addStake", [{ ...stake, amountRao: 1.5 }], { pair: v1Cold, nonce: nonceOf(v1Cold) }),
          "InvalidArguments",
        ],
        ["netuid above u16", client.request("subnetState", [70_000]), "InvalidArguments"],
        ["fractional netuid", client.request("hyperparameters", [1.5]), "InvalidArguments"],
        ["unknown snapshot detail", client.request("subnetState", [netuid, "everything"]), "InvalidArguments"],
        [
          "4097 uids",
          client.request("setWeights", [{ ...weights, uids: Array(4097).fill(3), weights: Array(4097).fill(1) }], {
            pair: v1,
            nonce: nonceOf(v1),
          }),
          "InvalidArguments",
        ],
        [
          "a 10 kB ip",
          client.request("serveAxon", [{ ...axon, ip: "1".repeat(10_000) }], { pair: m1, nonce: nonceOf(m1) }),
          "InvalidArguments",
        ],
        [
          "a commit hash that is not hex",
          client.request("commitWeights", [{ netuid, hotkey: v1.address, commitHash: "0xzz" }], {
            pair: v1,
            nonce: nonceOf(v1),
          }),
          "InvalidArguments",
        ],
        [
          "an unknown hyperparameter",
          client.request("setHyperparameters", [netuid, sudo().address, { tempo: 1, burnRao: 5 }], {
            pair: sudo(),
            nonce: nonceOf(sudo()),
          }),
          "InvalidArguments",
        ],
        [
          "a __proto__ hyperparameter",
          client.request("setHyperparameters", [
            netuid,
            sudo().address,
            JSON.parse("{\"__proto__\": {\"tempo\": 1}, \"tempo\": 1}"),
          ], { pair: sudo(), nonce: nonceOf(sudo()) }),
          "InvalidArguments",
        ],
        [
          "a hyperparameter patch that is an array",
          client.request("setHyperparameters", [netuid, sudo().address, [1, 2]], {
            pair: sudo(),
            nonce: nonceOf(sudo()),
          }),
          "InvalidArguments",
        ],
        [
          "an account that is not SS58",
          client.request("balance", ["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"]),
          "InvalidArguments",
        ],
        [
          "a nonce above 2^53",
          client.request("setWeights", [weights]).replace(
            /}$/,
            `,"signed":{"account":"${v1.address}","nonce":1e300,"signature":"0x${"0".repeat(128)}"}}`,
          ),
          "InvalidArguments",
        ],
        // Not requests at all.
        ["unknown method", client.request("transferAll", []), "InvalidArguments"],
        ["prototype method name", client.request("constructor", []), "InvalidArguments"],
        ["too many params", client.request("currentBlock", [1, 2, 3, 4, 5]), "InvalidArguments"],
        ["params not an array", encode({ id: 1, method: "balance", params: { 0: x } }), "InvalidArguments"],
        ["no id", encode({ method: "currentBlock", params: [] }), "InvalidArguments"],
        ["string id", encode({ id: "1", method: "currentBlock", params: [] }), "InvalidArguments"],
        ["not JSON", "{\"id\": 1, \"method\": ", "InvalidArguments"],
        ["empty message", "", "InvalidArguments"],
        ["JSON null", "null", "InvalidArguments"],
        ["JSON array", "[1,2,3]", "InvalidArguments"],
        ["a bare number", "42", "InvalidArguments"],
        [
          "a $bigint with 500 digits",
          `{"id":1,"method":"balance","params":[{"$bigint":"${"9".repeat(500)}"}]}`,
          "InvalidArguments",
        ],
        [
          "__proto__ as the request",
          "{\"__proto__\": {\"method\": \"fund\"}, \"id\": 3, \"params\": []}",
          "InvalidArguments",
        ],
      ]
      expect(hostile.length).toBeGreaterThanOrEqual(50)
      for (const [label, text, reason] of hostile) {
        const reply = await client.raw(text)
        expect({ label, ok: reply.ok, reason: reply.ok ? null : reply.error.reason }).toEqual({
          label,
          ok: false,
          reason,
        })
      }
      // Binary garbage is not JSON either.
      expect(await client.raw(Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString("latin1"))).toMatchObject({ ok: false })

      const after = await observe()
      expect(after.data).toEqual(before.data)
      expect(after.file).toBe(before.file)
      decodeChainData(after.file) // the saved file is a valid state
      // Still serving, and a correctly signed call with a fresh nonce is taken.
      expect(await client.raw(client.request("setWeights", [weights], { pair: v1, nonce: nonceOf(v1) }))).toMatchObject(
        { ok: true },
      )
      client.socket.close()
    },
    120_000,
  )

  it("behavior: the sudo key sets any subnet's hyperparameters, the owner its own, anyone else is refused", async () => {
    const hyperparameters = (patch: Record<string, unknown>, as: string) =>
      Effect.runPromise(
        Effect.gen(function*() {
          const chain = yield* Chain
          const refused = yield* Effect.flip(chain.setHyperparameters(netuid, as, patch)).pipe(Effect.option)
          return {
            refused: refused._tag === "Some"
              ? (refused.value._tag === "ChainError" ? refused.value.reason : refused.value._tag)
              : null,
            now: yield* chain.hyperparameters(netuid),
          }
        }).pipe(
          Effect.provide(RemoteChain.layer({ url: server.url }).pipe(Layer.provide(devSignerLayer))),
          Effect.scoped,
        ),
      )
    const owner = server.chain.snapshot(netuid, "light").ownerColdkey
    expect(owner).not.toBe(sudo().address)
    expect(await hyperparameters({ kappaU16: 30_000 }, sudo().address)).toMatchObject({
      refused: null,
      now: { kappaU16: 30_000 },
    })
    expect(await hyperparameters({ kappaU16: 31_000 }, owner)).toMatchObject({
      refused: null,
      now: { kappaU16: 31_000 },
    })
    expect(await hyperparameters({ kappaU16: 1 }, attacker.address)).toMatchObject({
      refused: "NotSubnetOwner",
      now: { kappaU16: 31_000 },
    })
  })

  it("error: an oversized message closes only that connection", async () => {
    const before = await observe()
    const client = new RawClient(server.url, server.chain.genesisId())
    await client.open()
    client.socket.send("x".repeat(MAX_MESSAGE_BYTES + 1))
    expect(await client.closed).toBe(1009) // "message too big": the server closed the connection
    const other = new RawClient(server.url, server.chain.genesisId())
    await other.open()
    expect(await other.raw(other.request("currentBlock", []))).toMatchObject({ ok: true, result: before.data.block })
    other.socket.close()
    expect(await observe()).toEqual(before)
  })

  it("behavior: waitForBlock waiters are bounded per connection and dropped with it", async () => {
    const before = await observe()
    const client = new RawClient(server.url, server.chain.genesisId())
    await client.open()
    const far = server.chain.block + 1_000
    for (let i = 0; i < 100; i++) client.socket.send(client.request("waitForBlock", [far]))
    // 32 wait; the other 68 are refused at once.
    for (let i = 0; i < 68; i++) {
      expect(await client.next()).toMatchObject({ ok: false, error: { reason: "InvalidArguments" } })
    }
    expect(server.load().waiters).toBe(32)
    client.socket.terminate()
    await client.closed
    while (server.load().waiters > 0) await new Promise((r) => setTimeout(r, 10)) // the server sees the close
    expect(await observe()).toEqual(before)
  })

  it("behavior: a client that never reads its replies is disconnected; others are served", async () => {
    const before = await observe()
    const client = new RawClient(server.url, server.chain.genesisId())
    await client.open()
    const socket = (client.socket as unknown as { _socket: import("node:net").Socket })._socket
    socket.pause() // reads nothing from now on
    const request = client.request("subnetState", [netuid, "full"])
    // Replies pile up in the kernel's buffers first, then in the server's; past 4 MB there it cuts the client off.
    const droppedBefore = server.load().dropped
    for (let sent = 0; server.load().dropped === droppedBefore && sent < 100_000; sent++) {
      client.socket.send(request)
      if (sent % 100 === 0) await new Promise((r) => setImmediate(r))
    }
    expect(server.load().dropped).toBe(droppedBefore + 1)
    const other = new RawClient(server.url, server.chain.genesisId())
    await other.open()
    expect(await other.raw(other.request("currentBlock", []))).toMatchObject({ ok: true })
    other.socket.close()
    client.socket.terminate()
    expect(await observe()).toEqual(before)
  }, 120_000)
})
