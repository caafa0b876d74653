/** A one-line progress bar with an ETA on stderr, drawn only when stderr is a terminal. */
import type { Io } from "../Io.ts"

export function progressBar(io: Io, label: string): { readonly update: (done: number, total: number) => void; readonly clear: () => void } {
  if (io.stderrIsTTY !== true) return { update: () => {}, clear: () => {} }
  const started = Date.now()
  let lastDraw = 0
  return {
    update: (done, total) => {
      const now = Date.now()
      if (done < total && now - lastDraw < 100) return
      lastDraw = now
      const width = 30
      const filled = Math.round((width * done) / total)
      const eta = done === 0 ? "…" : `${Math.ceil(((now - started) / done) * (total - done) / 1000)} s`
      io.stderr(`\r\x1b[2K${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} epochs · ETA ${eta}`)
    },
    clear: () => io.stderr("\r\x1b[2K"),
  }
}
