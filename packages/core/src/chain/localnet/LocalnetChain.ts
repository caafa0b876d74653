/**
 * The localnet's chain: the mock chain's state (`MockChainState`) plus what signing over a socket needs, which an
 * in-process chain has no use for: the chain's genesis id and each account's last nonce. Both are saved in the same
 * state file as the chain, after its fields, so files written before they moved here load unchanged.
 */
import type { Mechanism } from "@subnetkit/mechanisms"
import { Schema } from "effect"
import { randomBytes } from "node:crypto"
import type { GenesisOptions } from "../mock/ChainData.ts"
import { ChainData, genesisData, own } from "../mock/ChainData.ts"
import { MockChainState } from "../mock/MockChainState.ts"

/** A localnet's state file: the chain's state and the signing state. */
export const LocalnetData = Schema.Struct({
  ...ChainData.fields,
  /**
   * A random id (64 hex digits) a localnet chooses for its chain and keeps in its state file. Signatures cover it, so
   * a call signed for one localnet is refused by another. A copy of the file is the same chain (like a fork): it keeps
   * the id and the nonces.
   */
  genesis: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^[0-9a-f]{64}$/)))),
  /** The last nonce of each account that signed a localnet call (absent until one does). */
  nonces: Schema.optionalKey(
    Schema.Record(Schema.String, Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))),
  ),
})
export type LocalnetData = typeof LocalnetData.Type

export class LocalnetChain extends MockChainState {
  private constructor(
    chain: ChainData,
    private readonly genesis: string,
    private nonces: Record<string, number> | undefined,
    mechanisms: Readonly<Record<string, Mechanism>>,
  ) {
    super(structuredClone(chain) as never, mechanisms)
  }

  /** A new localnet: genesis state and a fresh genesis id. */
  static override genesis(
    options: GenesisOptions = {},
    mechanisms: Readonly<Record<string, Mechanism>> = {},
  ): LocalnetChain {
    return new LocalnetChain(genesisData(options), newGenesisId(), undefined, mechanisms)
  }

  /** A localnet resumed from its state file's text; throws a SchemaError naming every bad field. A file saved before
   * genesis ids gets one now. */
  static fromFile(text: string, mechanisms: Readonly<Record<string, Mechanism>> = {}): LocalnetChain {
    const { genesis, nonces, ...chain } = Schema.decodeUnknownSync(LocalnetData)(JSON.parse(text), { errors: "all" })
    return new LocalnetChain(
      chain,
      genesis ?? newGenesisId(),
      nonces === undefined ? undefined : { ...nonces },
      mechanisms,
    )
  }

  /** The state file's text (rao as decimal strings). */
  toFile(): string {
    const data: LocalnetData = {
      ...this.toData(),
      genesis: this.genesis,
      ...(this.nonces === undefined ? {} : { nonces: this.nonces }),
    }
    return JSON.stringify(Schema.encodeSync(LocalnetData)(data))
  }

  /** This chain's genesis id, which every signature covers. */
  genesisId(): string {
    return this.genesis
  }

  /** The last nonce `account` signed a localnet call with (0 before its first). */
  lastNonce(account: string): number {
    return own(this.nonces ?? {}, account) ?? 0
  }

  /** Spends `nonce` for `account` (the dispatcher checks it is above `lastNonce` first). */
  acceptNonce(account: string, nonce: number): void {
    this.nonces ??= {}
    this.nonces[account] = nonce
  }
}

const newGenesisId = () => randomBytes(32).toString("hex")
