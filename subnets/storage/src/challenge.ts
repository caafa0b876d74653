/**
 * Seeded Merkle challenges. The validator sends a replica id, a fresh 32-byte seed and a leaf count k; the seed picks
 * k leaves (32 KiB byte ranges) of the replica, so neither the ranges nor the answer can be known before the
 * challenge. The miner answers with those leaves' bytes, their Merkle paths, and a digest
 * sha256(0x03 ‖ seed ‖ leaf hashes) that binds the answer to this seed: an answer to another challenge (a replay)
 * or computed with another seed is refused. The validator hashes the returned bytes once (the leaf hashes serve the
 * proof and the digest alike), so checking costs about one sha256 pass over the challenged bytes.
 */
import { hash } from "node:crypto"
import { buildTree, HASH_BYTES, hashLeaf, leafBytes, leafCount, leafLength, prove, verifyProof } from "./merkle.ts"

/** Leaves per challenge: a miner missing a share q of a replica passes with probability at most (1 − q)^8. */
export const CHALLENGE_LEAVES = 8
export const SEED_BYTES = 32

export interface ChallengeAnswer {
  /** The chosen leaves' bytes, back to back, ascending. */
  readonly data: Uint8Array
  /** Their Merkle paths (see merkle.ts). */
  readonly proof: Uint8Array
  /** sha256(0x03 ‖ seed ‖ leaf hashes). */
  readonly digest: Uint8Array
}

/** The leaves `seed` picks in a replica of `length` bytes: min(k, leaves) distinct indexes, ascending. */
export function challengeLeaves(seed: Uint8Array, length: number, k: number): Array<number> {
  const n = leafCount(length)
  const want = Math.min(k, n)
  const picked = new Set<number>()
  const input = Buffer.alloc(seed.length + 4)
  input.set(seed)
  for (let round = 0; picked.size < want; round++) {
    input.writeUInt32BE(round, seed.length)
    const h = hash("sha256", input, "buffer")
    for (let at = 0; at + 4 <= h.length && picked.size < want; at += 4) picked.add(h.readUInt32BE(at) % n)
  }
  return [...picked].sort((a, b) => a - b)
}

const seededDigest = (seed: Uint8Array, hashes: ReadonlyArray<Uint8Array>): Buffer =>
  hash("sha256", Buffer.concat([DIGEST, seed, ...hashes]), "buffer")

const DIGEST = Buffer.from([0x03])

/** The honest answer from the stored replica. */
export const answerChallenge = (replica: Uint8Array, seed: Uint8Array, k: number): ChallengeAnswer =>
  answerFromTree(replica, buildTree(replica), seed, k)

/** The answer from a replica whose tree is already built (`buildTree(replica)`). */
export function answerFromTree(
  replica: Uint8Array,
  levels: ReadonlyArray<ReadonlyArray<Buffer>>,
  seed: Uint8Array,
  k: number,
): ChallengeAnswer {
  const leaves = challengeLeaves(seed, replica.length, k)
  return {
    data: Buffer.concat(leaves.map((i) => leafBytes(replica, i))),
    proof: prove(levels, leaves),
    digest: seededDigest(seed, leaves.map((i) => levels[0]![i]!)),
  }
}

/** Why an answer fails, or "ok". */
export type Verdict = "ok" | "wrong-length" | "bad-proof" | "bad-digest"

/** Checks an answer against the replica's root and length in the index and the seed that was sent. */
export function verifyChallenge(
  root: string,
  length: number,
  seed: Uint8Array,
  k: number,
  answer: ChallengeAnswer,
): Verdict {
  const leaves = challengeLeaves(seed, length, k)
  const sizes = leaves.map((i) => leafLength(length, i))
  if (answer.data.length !== sizes.reduce((a, b) => a + b, 0) || answer.digest.length !== HASH_BYTES) {
    return "wrong-length"
  }
  const hashes: Array<Buffer> = []
  let at = 0
  for (const size of sizes) {
    hashes.push(hashLeaf(answer.data.subarray(at, at + size)))
    at += size
  }
  if (!verifyProof(root, length, leaves, hashes, answer.proof)) return "bad-proof"
  return seededDigest(seed, hashes).equals(answer.digest) ? "ok" : "bad-digest"
}
