import { assert, describe, it } from "@effect/vitest"
import { decodeChainData, encodeChainData, genesisData } from "../mock/ChainData.ts"
import { LocalnetChain } from "./LocalnetChain.ts"

const ACCOUNT = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"

/** A state file as localnets wrote it while the genesis id and nonces were fields of the chain state. */
const oldFile = () => {
  const chain = JSON.parse(encodeChainData({ ...genesisData({ block: 7 }), balances: { [ACCOUNT]: 5n } }))
  return JSON.stringify({ ...chain, genesis: "ab".repeat(32), nonces: { [ACCOUNT]: 41 } })
}

describe("LocalnetChain", () => {
  it("behavior: a state file with the genesis id and nonces loads, keeps them, and saves byte-identical", () => {
    const chain = LocalnetChain.fromFile(oldFile())
    assert.strictEqual(chain.genesisId(), "ab".repeat(32))
    assert.strictEqual(chain.lastNonce(ACCOUNT), 41)
    assert.strictEqual(chain.balance(ACCOUNT), 5n)
    assert.strictEqual(chain.toFile(), oldFile())
  })

  it("behavior: the signing state is the localnet's, not the chain state's", () => {
    const chain = LocalnetChain.fromFile(oldFile())
    chain.acceptNonce(ACCOUNT, 42)
    assert.strictEqual(chain.lastNonce(ACCOUNT), 42)
    assert.notProperty(chain.toData(), "nonces")
    assert.notProperty(chain.toData(), "genesis")
    // A mock chain snapshot taken from a localnet file is the chain without them.
    assert.deepStrictEqual(decodeChainData(chain.toFile()), chain.toData())
  })

  it("behavior: a new localnet has a genesis id of its own and no nonces", () => {
    const [a, b] = [LocalnetChain.genesis(), LocalnetChain.genesis()]
    assert.match(a.genesisId(), /^[0-9a-f]{64}$/)
    assert.notStrictEqual(a.genesisId(), b.genesisId())
    assert.strictEqual(a.lastNonce(ACCOUNT), 0)
    assert.notProperty(JSON.parse(a.toFile()), "nonces")
  })
})
