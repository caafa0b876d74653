/**
 * Prometheus-format metrics for a neuron process: named counters and gauges with labels, served as text on
 * 127.0.0.1:<port>/metrics. Names follow `subnetkit_<area>_<what>_<unit>`.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

type Labels = Readonly<Record<string, string>>

export class Metrics {
  private readonly values = new Map<string, { type: "counter" | "gauge"; help: string; series: Map<string, number> }>()

  private series(name: string, type: "counter" | "gauge", help: string) {
    let metric = this.values.get(name)
    if (metric === undefined) this.values.set(name, metric = { type, help, series: new Map() })
    return metric.series
  }

  private static key(labels: Labels): string {
    return Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`).join(",")
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const series = this.series(name, "counter", help)
    const key = Metrics.key(labels)
    series.set(key, (series.get(key) ?? 0) + by)
  }

  set(name: string, help: string, value: number, labels: Labels = {}): void {
    this.series(name, "gauge", help).set(Metrics.key(labels), value)
  }

  render(): string {
    const lines: Array<string> = []
    for (const [name, metric] of this.values) {
      lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} ${metric.type}`)
      for (const [labels, value] of metric.series) lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`)
    }
    return lines.join("\n") + "\n"
  }

  /** Serves `/metrics` on 127.0.0.1; resolves with the port and a close function. */
  serve(port: number): Promise<{ port: number; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      if (req.url !== "/metrics") return void res.writeHead(404).end()
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(this.render())
    })
    return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((done) => server.close(() => done())),
    })))
  }
}
