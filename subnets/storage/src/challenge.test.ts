/**
 * Seeded Merkle challenges and sealing, without a network: an honest replica passes every challenge; a miner that
 * kept only hashes, truncated a replica or answers from another miner's copy fails; tampered proofs, wrong seeds
 * and replayed answers are refused.
 */
import { createHash, randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import type { ChallengeAnswer } from "./challenge.ts"
import { answerChallenge, answerFromTree, CHALLENGE_LEAVES, challengeLeaves, verifyChallenge } from "./challenge.ts"
import { buildTree, LEAF_BYTES, merkleRoot, prove, verifyProof } from "./merkle.ts"
import { wilsonLowerBound } from "./scoring.ts"
import { open, seal } from "./sealing.ts"

/** Deterministic seeds, so the pass counts below are the same on every run. */
const seedOf = (i: number) => createHash("sha256").update(`seed-${i}`).digest()
const K = CHALLENGE_LEAVES
const secret = randomBytes(32).toString("hex")
const MiB = 1 << 20

describe("Merkle challenges", () => {
  it("behavior: an honest replica passes 100% of 500 challenges, at every size from 1 B to 1 MiB", () => {
    const sizes = [0, 1, 100, LEAF_BYTES - 1, LEAF_BYTES, LEAF_BYTES + 1, 3 * LEAF_BYTES + 7, 200_000, MiB]
    let passed = 0
    for (let i = 0; i < 500; i++) {
      const replica = seal(secret, "f1", i, "miner-a", randomBytes(sizes[i % sizes.length]!))
      const root = merkleRoot(replica)
      if (verifyChallenge(root, replica.length, seedOf(i), K, answerChallenge(replica, seedOf(i), K)) === "ok") passed++
    }
    expect(passed).toBe(500)
  })

  it("behavior: a miner that kept only the leaf hashes fails 100% of 500 challenges", () => {
    const replica = seal(secret, "f2", 0, "miner-a", randomBytes(MiB))
    const root = merkleRoot(replica)
    const levels = buildTree(replica)
    let passed = 0
    for (let i = 0; i < 500; i++) {
      // Everything but the bytes is right: the proof and the seeded digest come from the kept hashes.
      const honest = answerChallenge(replica, seedOf(i), K)
      const leaves = challengeLeaves(seedOf(i), replica.length, K)
      const lie: ChallengeAnswer = {
        data: Buffer.alloc(honest.data.length),
        proof: prove(levels, leaves),
        digest: honest.digest,
      }
      if (verifyChallenge(root, replica.length, seedOf(i), K, lie) === "ok") passed++
    }
    expect(passed).toBe(0)
  })

  it("behavior: a miner that truncated a 1 MiB replica to half fails ≥ 99% of 1000 challenges zero-padded, 100% as is", () => {
    const replica = seal(secret, "f3", 0, "miner-a", randomBytes(MiB))
    const root = merkleRoot(replica)
    const kept = replica.subarray(0, replica.length / 2)
    const padded = Buffer.concat([kept, Buffer.alloc(replica.length - kept.length)])
    const paddedTree = buildTree(padded)
    let passedPadded = 0
    let passedAsIs = 0
    for (let i = 0; i < 1000; i++) {
      if (
        verifyChallenge(root, replica.length, seedOf(i), K, answerFromTree(padded, paddedTree, seedOf(i), K)) === "ok"
      ) passedPadded++
      if (
        i < 100 && verifyChallenge(root, replica.length, seedOf(i), K, answerChallenge(kept, seedOf(i), K)) === "ok"
      ) passedAsIs++
    }
    // Padded, it passes only when all 8 seeded leaves (of 32) fall in the half it kept: C(16,8)/C(32,8) ≈ 0.12%.
    expect(passedPadded).toBeLessThanOrEqual(10)
    expect(passedAsIs).toBe(0)
  })

  it("behavior: answering from another miner's copy (a proxy) fails: per-miner sealing gives it another root", () => {
    const chunk = randomBytes(300_000)
    const mine = seal(secret, "f4", 0, "miner-a", chunk)
    const theirs = seal(secret, "f4", 0, "miner-b", chunk)
    expect(Buffer.compare(mine, theirs)).not.toBe(0)
    const root = merkleRoot(mine)
    for (let i = 0; i < 50; i++) {
      expect(verifyChallenge(root, mine.length, seedOf(i), K, answerChallenge(theirs, seedOf(i), K))).not.toBe("ok")
    }
    expect(open(secret, "f4", 0, "miner-b", mine)).toBeNull()
    expect(open(secret, "f4", 0, "miner-a", mine)!.equals(chunk)).toBe(true)
  })

  it("error: tampered proofs, tampered bytes, wrong seeds and replayed answers are refused", () => {
    const replica = seal(secret, "f5", 0, "miner-a", randomBytes(MiB))
    const root = merkleRoot(replica)
    const seed = seedOf(1)
    const answer = answerChallenge(replica, seed, K)
    expect(verifyChallenge(root, replica.length, seed, K, answer)).toBe("ok")
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = Buffer.from(bytes)
      copy[at] = copy[at]! ^ 1
      return copy
    }
    for (const at of [0, 31, 32, answer.proof.length - 1]) {
      expect(verifyChallenge(root, replica.length, seed, K, { ...answer, proof: flip(answer.proof, at) })).toBe(
        "bad-proof",
      )
    }
    expect(verifyChallenge(root, replica.length, seed, K, { ...answer, proof: answer.proof.subarray(32) })).toBe(
      "bad-proof",
    )
    expect(verifyChallenge(root, replica.length, seed, K, { ...answer, data: flip(answer.data, 5) })).toBe("bad-proof")
    expect(verifyChallenge(root, replica.length, seed, K, { ...answer, digest: flip(answer.digest, 0) })).toBe(
      "bad-digest",
    )
    // Computed with another seed than the one sent.
    expect(verifyChallenge(root, replica.length, seed, K, answerChallenge(replica, seedOf(2), K))).not.toBe("ok")
    // The honest answer to an earlier challenge, replayed to a new one on the same replica.
    let refused = 0
    for (let i = 3; i < 103; i++) if (verifyChallenge(root, replica.length, seedOf(i), K, answer) !== "ok") refused++
    expect(refused).toBe(100)
    // The same leaves but another seed: only the digest differs, and it is refused.
    const sameLeaves = (() => {
      for (let i = 200;; i++) {
        if (challengeLeaves(seedOf(i), 17, K).join() === challengeLeaves(seed, 17, K).join()) return seedOf(i)
      }
    })()
    const small = replica.subarray(0, 17)
    expect(verifyChallenge(merkleRoot(small), 17, sameLeaves, K, answerChallenge(small, seed, K))).toBe("bad-digest")
  })

  it("behavior: a proof for the wrong length or root is refused; the root commits to the length", () => {
    const data = randomBytes(5 * LEAF_BYTES)
    const levels = buildTree(data)
    const leaves = [1, 3]
    const hashes = leaves.map((i) => levels[0]![i]!)
    expect(verifyProof(merkleRoot(data), data.length, leaves, hashes, prove(levels, leaves))).toBe(true)
    expect(verifyProof(merkleRoot(data), data.length - 1, leaves, hashes, prove(levels, leaves))).toBe(false)
    expect(merkleRoot(data)).not.toBe(merkleRoot(Buffer.concat([data, Buffer.alloc(1)])))
  })
})

describe("Wilson lower bound", () => {
  it("behavior: grows with evidence, 0 for no trials or no successes", () => {
    expect(wilsonLowerBound(0, 0)).toBe(0)
    expect(wilsonLowerBound(0, 50)).toBe(0)
    expect(wilsonLowerBound(5, 5)).toBeCloseTo(0.566, 2)
    expect(wilsonLowerBound(100, 100)).toBeGreaterThan(0.96)
    expect(wilsonLowerBound(70, 100)).toBeLessThan(0.7)
  })
})
