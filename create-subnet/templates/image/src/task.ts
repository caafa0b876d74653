/**
 * A task is an image (bytes and format: jpeg, png or webp); a response is a label. The truth (the label the
 * validator drew) stays with the validator. The schemas are `Task` and `Response` in imageSubnet.ts.
 */
export type { ImageTask as Task } from "./imageSubnet.ts"
export type { ImageResponse as Response } from "./scoring.ts"
export { FORMATS, LABELS } from "./shapes.ts"
