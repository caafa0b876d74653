/** The package README's "Write a subnet" examples are the code the tests run: each block is an excerpt of its file. */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8")
const section = readme.slice(readme.indexOf("## Write a subnet"), readme.indexOf("## Run it"))
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.trim())

describe("README: Write a subnet", () => {
  it("behavior: the three shapes are verbatim excerpts of arithmetic.ts, labels.ts and kv.ts", () => {
    expect(blocks).toHaveLength(3)
    ;["arithmetic.ts", "labels.ts", "kv.ts"].forEach((file, i) => {
      expect(readFileSync(join(import.meta.dirname, file), "utf8"), file).toContain(blocks[i])
    })
  })
})
