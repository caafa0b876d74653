/**
 * Progress on stderr: on a terminal, a one-line bar with an ETA redrawn in place; otherwise (a log file, a CI job) a
 * plain line every tenth of the run, so a long run still shows it is alive.
 */
import type { Io } from "../Io.ts"

export function progressBar(
  io: Io,
  label: string,
): { readonly update: (done: number, total: number) => void; readonly clear: () => void } {
  const started = Date.now()
  const eta = (
    now: number,
    done: number,
    total: number,
  ) => (done === 0 ? "…" : `${Math.ceil(((now - started) / done) * (total - done) / 1000)} s`)
  if (io.stderrIsTTY !== true) {
    return {
      update: (done, total) => {
        const every = Math.max(1, Math.ceil(total / 10))
        if (done % every !== 0 && done !== total) return
        const now = Date.now()
        io.stderr(
          `${label}: ${done}/${total} epochs, ${((now - started) / 1000).toFixed(1)} s elapsed, ETA ${
            eta(now, done, total)
          }\n`,
        )
      },
      clear: () => {},
    }
  }
  let lastDraw = 0
  return {
    update: (done, total) => {
      const now = Date.now()
      if (done < total && now - lastDraw < 100) return
      lastDraw = now
      const width = 30
      const filled = Math.round((width * done) / total)
      io.stderr(
        `\r\x1b[2K${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} epochs · ETA ${
          eta(now, done, total)
        }`,
      )
    },
    clear: () => io.stderr("\r\x1b[2K"),
  }
}
