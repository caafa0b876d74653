/**
 * A binary Merkle tree over one stored replica (the encrypted chunk a miner holds), in leaves of `LEAF_BYTES`. The
 * root also commits to the replica's length, so a truncated copy cannot keep a valid root. Pure; node:crypto only.
 *
 * leaf_i = sha256(0x00 ‖ bytes_i); node = sha256(0x01 ‖ left ‖ right); an odd node at the end of a level moves up
 * unchanged; root = sha256(0x02 ‖ u64be(length) ‖ top). A proof for a set of leaves is each leaf's path (its
 * siblings from the bottom up, 32 bytes each, none where the node moved up), leaf after leaf, in ascending order.
 */
import { createHash } from "node:crypto"

/** Bytes per leaf: a challenged leaf is a 16 KiB byte range of the replica. */
export const LEAF_BYTES = 16 * 1024
export const HASH_BYTES = 32

const LEAF = Buffer.from([0x00])
const NODE = Buffer.from([0x01])
const ROOT = Buffer.from([0x02])

/** Leaves of a replica of `length` bytes (an empty replica has one empty leaf). */
export const leafCount = (length: number): number => Math.max(1, Math.ceil(length / LEAF_BYTES))

/** The bytes of leaf `i` of `data` (a view, no copy). */
export const leafBytes = (data: Uint8Array, i: number): Uint8Array => data.subarray(i * LEAF_BYTES, Math.min(data.length, (i + 1) * LEAF_BYTES))

/** Length of leaf `i` in a replica of `length` bytes. */
export const leafLength = (length: number, i: number): number => Math.max(0, Math.min(LEAF_BYTES, length - i * LEAF_BYTES))

export const hashLeaf = (bytes: Uint8Array): Buffer => createHash("sha256").update(LEAF).update(bytes).digest()

const hashNode = (left: Uint8Array, right: Uint8Array): Buffer => createHash("sha256").update(NODE).update(left).update(right).digest()

const hashRoot = (length: number, top: Uint8Array): Buffer => {
  const size = Buffer.alloc(8)
  size.writeBigUInt64BE(BigInt(length))
  return createHash("sha256").update(ROOT).update(size).update(top).digest()
}

/** Every level of the tree, leaves first, top last. */
export function buildTree(data: Uint8Array): Array<Array<Buffer>> {
  const levels: Array<Array<Buffer>> = [Array.from({ length: leafCount(data.length) }, (_, i) => hashLeaf(leafBytes(data, i)))]
  while (levels.at(-1)!.length > 1) {
    const below = levels.at(-1)!
    const level: Array<Buffer> = []
    for (let i = 0; i < below.length; i += 2) level.push(i + 1 < below.length ? hashNode(below[i]!, below[i + 1]!) : below[i]!)
    levels.push(level)
  }
  return levels
}

/** The root of a replica (hex): what the validator keeps in its index. */
export const merkleRoot = (data: Uint8Array): string => hashRoot(data.length, buildTree(data).at(-1)![0]!).toString("hex")

/** Siblings of each of `leaves` (ascending), concatenated: the proof a miner sends. */
export function prove(levels: ReadonlyArray<ReadonlyArray<Buffer>>, leaves: ReadonlyArray<number>): Buffer {
  const out: Array<Buffer> = []
  for (const leaf of leaves) {
    let i = leaf
    for (let depth = 0; depth < levels.length - 1; depth++) {
      const sibling = levels[depth]![i ^ 1]
      if (sibling !== undefined) out.push(sibling)
      i >>= 1
    }
  }
  return Buffer.concat(out)
}

/**
 * Whether `hashes` (the leaf hashes of `leaves`, ascending) and `proof` lead to `root` for a replica of `length`
 * bytes. Never throws: a proof of the wrong size is false.
 */
export function verifyProof(root: string, length: number, leaves: ReadonlyArray<number>, hashes: ReadonlyArray<Uint8Array>, proof: Uint8Array): boolean {
  const widths: Array<number> = [leafCount(length)]
  while (widths.at(-1)! > 1) widths.push(Math.ceil(widths.at(-1)! / 2))
  const expected = Buffer.from(root, "hex")
  let at = 0
  for (let k = 0; k < leaves.length; k++) {
    let i = leaves[k]!
    let node: Uint8Array = hashes[k]!
    for (let depth = 0; depth < widths.length - 1; depth++) {
      const sibling = i ^ 1
      if (sibling < widths[depth]!) {
        if (at + HASH_BYTES > proof.length) return false
        const s = proof.subarray(at, at + HASH_BYTES)
        at += HASH_BYTES
        node = (i & 1) === 0 ? hashNode(node, s) : hashNode(s, node)
      }
      i >>= 1
    }
    if (!hashRoot(length, node).equals(expected)) return false
  }
  return at === proof.length
}
