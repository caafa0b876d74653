/** Running a command to its end for the create-subnet tests: exit code and output, with a ceiling. */
import { spawn } from "node:child_process"

export interface Done {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment without pnpm's npm_config_* (set when vitest runs under pnpm), as a user's shell would be. */
export const cleanEnv = (extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_") && k !== "CI")),
  ...extra,
})

export function sh(
  command: string,
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d))
    child.stderr.on("data", (d: Buffer) => (stderr += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000)
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** Fails with the command's output when it did not exit 0. */
export function ok(done: Done, what: string): Done {
  if (done.code !== 0) {
    throw new Error(
      `${what} exited ${done.code}\n--- stdout\n${done.stdout.slice(-4000)}\n--- stderr\n${done.stderr.slice(-4000)}`,
    )
  }
  return done
}
