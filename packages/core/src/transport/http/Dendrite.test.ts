import { cryptoWaitReady } from "@polkadot/util-crypto"
import { randomUUID } from "node:crypto"
import type { Server } from "node:http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Keypair } from "../../keys/Keys.ts"
import { keypairFromUri } from "../../keys/Keys.ts"
import { Dendrite } from "./Dendrite.ts"
import { signHeaders } from "./signing.ts"

// A fake miner whose answer depends on the path: it lets the test forge every kind of bad answer.
let validator: Keypair
let miner: Keypair
let impostor: Keypair
let server: Server
let port: number
const earlier = randomUUID()

beforeAll(async () => {
  await cryptoWaitReady()
  validator = keypairFromUri("//dendrite/validator")
  miner = keypairFromUri("//dendrite/miner")
  impostor = keypairFromUri("//dendrite/impostor")
  server = createServer((req, res) => {
    req.url = req.url?.replace(/\/task$/, "") // the dendrite posts to /<subnet>/<kind>; the subnet name picks the answer
    const body = Buffer.from(JSON.stringify({ sum: 5 }))
    const uuid = String(req.headers["epistula-uuid"]) // a correct answer is signed over the request's uuid
    const sign = (by: Keypair, signedBody = body, at = Date.now(), over = uuid) =>
      signHeaders(by, signedBody, validator.address, at, over)
    const answers: Record<string, Record<string, string>> = {
      "/good": sign(miner),
      "/unsigned": {},
      "/impostor": sign(impostor),
      "/tampered": sign(miner, Buffer.from(JSON.stringify({ sum: 6 }))),
      "/for-someone-else": signHeaders(miner, body, impostor.address, Date.now(), uuid),
      "/other-request": sign(miner, body, Date.now(), earlier), // a genuine answer of this miner, to another request
      "/stale": sign(miner, body, Date.now() - 60_000),
    }
    if (req.url === "/slow") return void setTimeout(() => res.end("{}"), 500)
    if (req.url === "/refuse") {
      return void res.writeHead(403, { "content-type": "application/json" }).end(
        JSON.stringify({ error: "not-allowed", message: "no permit" }),
      )
    }
    res.writeHead(200, { "content-type": "application/json", ...answers[req.url ?? ""] })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const call = (path: string, timeoutMs = 2000) => {
  const dendrite = new Dendrite({ keys: [validator] })
  return dendrite.call(
    { ip: "127.0.0.1", port },
    { subnet: path.slice(1), kind: "task", caller: validator.address, target: miner.address, body: { a: 2, b: 3 } },
    { timeoutMs },
  )
    .finally(() => dendrite.close())
}

describe("Dendrite checks every answer", () => {
  it("behavior: a correctly signed answer is ok", async () => {
    expect(await call("/good")).toEqual({ status: "ok", body: { sum: 5 } })
  })

  it.each([
    ["/unsigned", /missing header/],
    ["/impostor", /signed by .*, not the miner/],
    ["/tampered", /does not verify/],
    ["/for-someone-else", /signed for/],
    ["/other-request", new RegExp(`answer is for request ${earlier}, not this request`)],
    ["/stale", /outside the request's window .*stale or replayed/],
  ])("error: answer %s is invalid", async (path, detail) => {
    const reply = await call(path)
    expect(reply.status).toBe("invalid")
    expect(reply.status !== "ok" && reply.detail).toMatch(detail)
  })

  it("behavior: refusals, timeouts and closed ports map to reply statuses", async () => {
    expect(await call("/refuse")).toEqual({ status: "refused", code: "not-allowed", detail: "no permit" })
    expect((await call("/slow", 100)).status).toBe("timeout")
    const dendrite = new Dendrite({ keys: [validator] })
    const closed = await dendrite.call(
      { ip: "127.0.0.1", port: 1 },
      { subnet: "x", kind: "task", caller: validator.address, target: miner.address, body: {} },
      { timeoutMs: 1000 },
    )
    dendrite.close()
    expect(closed.status).toBe("error")
  })

  it("error: a caller whose key is not in the process cannot send", async () => {
    const dendrite = new Dendrite({ keys: [] })
    const reply = await dendrite.call(
      { ip: "127.0.0.1", port },
      { subnet: "good", kind: "task", caller: validator.address, target: miner.address, body: {} },
      { timeoutMs: 1000 },
    )
    dendrite.close()
    expect(reply).toEqual({ status: "error", detail: `no key for caller ${validator.address} in this process` })
  })
})
