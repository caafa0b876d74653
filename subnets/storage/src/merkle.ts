/**
 * A binary Merkle tree over one stored replica (the encrypted chunk a miner holds), in leaves of `LEAF_BYTES`. The
 * root also commits to the replica's length, so a truncated copy cannot keep a valid root. Pure; node:crypto only.
 *
 * leaf_i = sha256(bytes_i); node = sha256(0x01 ‖ left ‖ right); an odd node at the end of a level moves up
 * unchanged; root = sha256(0x02 ‖ u64be(length) ‖ top). A proof for a set of leaves is the siblings the verifier
 * cannot compute, level by level (see `prove`), 32 bytes each.
 */
import { hash } from "node:crypto"

/** Bytes per leaf: a challenged leaf is a 32 KiB byte range of the replica (32 leaves in a 1 MiB chunk). */
export const LEAF_BYTES = 32 * 1024
export const HASH_BYTES = 32

const NODE = Buffer.from([0x01])
const ROOT = Buffer.from([0x02])

/** Leaves of a replica of `length` bytes (an empty replica has one empty leaf). */
export const leafCount = (length: number): number => Math.max(1, Math.ceil(length / LEAF_BYTES))

/** The bytes of leaf `i` of `data` (a view, no copy). */
export const leafBytes = (data: Uint8Array, i: number): Uint8Array =>
  data.subarray(i * LEAF_BYTES, Math.min(data.length, (i + 1) * LEAF_BYTES))

/** Length of leaf `i` in a replica of `length` bytes. */
export const leafLength = (length: number, i: number): number =>
  Math.max(0, Math.min(LEAF_BYTES, length - i * LEAF_BYTES))

/**
 * A leaf is hashed bare (no prefix byte): the verifier knows the replica's length, hence the tree's shape and depth,
 * so a leaf can never be taken for an inner node; and the one-shot hash of a view copies nothing.
 */
export const hashLeaf = (bytes: Uint8Array): Buffer => hash("sha256", bytes, "buffer")

const scratch = Buffer.alloc(1 + 2 * HASH_BYTES)
scratch[0] = NODE[0]!
/** One-shot `hash` on a reused buffer: node hashes are tiny, and `createHash` costs several times more per call. */
const hashNode = (left: Uint8Array, right: Uint8Array): Buffer => {
  scratch.set(left, 1)
  scratch.set(right, 1 + HASH_BYTES)
  return hash("sha256", scratch, "buffer")
}

const hashRoot = (length: number, top: Uint8Array): Buffer => {
  const input = Buffer.alloc(1 + 8 + HASH_BYTES)
  input.set(ROOT, 0)
  input.writeBigUInt64BE(BigInt(length), 1)
  input.set(top, 9)
  return hash("sha256", input, "buffer")
}

/** Every level of the tree, leaves first, top last. */
export function buildTree(data: Uint8Array): Array<Array<Buffer>> {
  const levels: Array<Array<Buffer>> = [
    Array.from({ length: leafCount(data.length) }, (_, i) => hashLeaf(leafBytes(data, i))),
  ]
  while (levels.at(-1)!.length > 1) {
    const below = levels.at(-1)!
    const level: Array<Buffer> = []
    for (let i = 0; i < below.length; i += 2) {
      level.push(i + 1 < below.length ? hashNode(below[i]!, below[i + 1]!) : below[i]!)
    }
    levels.push(level)
  }
  return levels
}

/** The root of a replica (hex): what the validator keeps in its index. */
export const merkleRoot = (data: Uint8Array): string =>
  hashRoot(data.length, buildTree(data).at(-1)![0]!).toString("hex")

/**
 * The siblings the verifier cannot compute itself, level by level from the leaves up: at each level, for every node
 * it knows (ascending), the node's sibling when that sibling exists and is not known too. Shared upper nodes are
 * sent (and hashed) once.
 */
export function prove(levels: ReadonlyArray<ReadonlyArray<Buffer>>, leaves: ReadonlyArray<number>): Buffer {
  const out: Array<Buffer> = []
  let known = [...new Set(leaves)].sort((a, b) => a - b)
  for (let depth = 0; depth < levels.length - 1; depth++) {
    const set = new Set(known)
    for (const i of known) {
      const sibling = levels[depth]![i ^ 1]
      if (sibling !== undefined && !set.has(i ^ 1)) out.push(sibling)
    }
    known = [...new Set(known.map((i) => i >> 1))]
  }
  return Buffer.concat(out)
}

/**
 * Whether `hashes` (the leaf hashes of `leaves`, ascending and distinct) and `proof` lead to `root` for a replica of
 * `length` bytes. Never throws: a proof of the wrong size is false.
 */
export function verifyProof(
  root: string,
  length: number,
  leaves: ReadonlyArray<number>,
  hashes: ReadonlyArray<Uint8Array>,
  proof: Uint8Array,
): boolean {
  let width = leafCount(length)
  let nodes = new Map<number, Uint8Array>()
  for (let k = 0; k < leaves.length; k++) {
    if (leaves[k]! >= width || (k > 0 && leaves[k]! <= leaves[k - 1]!)) return false
    nodes.set(leaves[k]!, hashes[k]!)
  }
  let at = 0
  while (width > 1) {
    const up = new Map<number, Uint8Array>()
    for (const [i, node] of nodes) {
      if (up.has(i >> 1)) continue
      const j = i ^ 1
      let sibling: Uint8Array | undefined
      if (j < width) {
        sibling = nodes.get(j)
        if (sibling === undefined) {
          if (at + HASH_BYTES > proof.length) return false
          sibling = proof.subarray(at, at + HASH_BYTES)
          at += HASH_BYTES
        }
      }
      up.set(i >> 1, sibling === undefined ? node : (i & 1) === 0 ? hashNode(node, sibling) : hashNode(sibling, node))
    }
    nodes = up
    width = Math.ceil(width / 2)
  }
  const top = nodes.get(0)
  return top !== undefined && at === proof.length && hashRoot(length, top).equals(Buffer.from(root, "hex"))
}
