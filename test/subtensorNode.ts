/** The subtensor node of the online tests: SUBTENSOR_WS as given, or `subnet localnet --chopsticks SUBTENSOR_SPEC` started here. */
import { createServer } from "node:net"
import type { Proc } from "./processes.ts"
import { subnet } from "./processes.ts"

export const SPEC = process.env["SUBTENSOR_SPEC"]
export const WS = process.env["SUBTENSOR_WS"]

export const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const port = (server.address() as { port: number }).port
    server.close(() => resolve(port))
  })
})

/** The node's URL, and the localnet process when this test started one (to stop afterwards). */
export async function startNode(): Promise<{ readonly url: string; readonly localnet: Proc | null }> {
  if (WS !== undefined) return { url: WS, localnet: null }
  const localnet = subnet(["localnet", "--chopsticks", SPEC!, "--port", String(await freePort())])
  return { url: JSON.parse(await localnet.waitFor(/^\{"url"/, 240_000)).url as string, localnet }
}
