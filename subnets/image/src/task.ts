/**
 * What a validator asks and a miner answers: an image (its bytes and format: jpeg, png or webp) and a label. The
 * truth, the label the validator drew, stays with the validator. The schemas check both at the boundary.
 */
import { Schema } from "effect"
import type { Format } from "./shapes.ts"
import { FORMATS } from "./shapes.ts"

export interface ImageTask {
  readonly image: Uint8Array
  readonly format: Format
}

export const Task = Schema.Struct({ image: Schema.Uint8Array, format: Schema.Literals(FORMATS) })
export const Response = Schema.Struct({ label: Schema.String.pipe(Schema.check(Schema.isMaxLength(128))) })
