/** Where `--network` points: the public Bittensor endpoints by name, or any ws:// / wss:// URL. */

export const NETWORKS: Readonly<Record<string, string>> = {
  finney: "wss://entrypoint-finney.opentensor.ai:443",
  test: "wss://test.finney.opentensor.ai:443",
  local: "ws://127.0.0.1:9944",
}

/** The URL of a network name or URL; `null` when it is neither (the caller names the option in its error). */
export function networkUrl(network: string): string | null {
  const named = NETWORKS[network]
  if (named !== undefined) return named
  try {
    const url = new URL(network)
    return url.protocol === "ws:" || url.protocol === "wss:" ? network : null
  } catch {
    return null
  }
}
