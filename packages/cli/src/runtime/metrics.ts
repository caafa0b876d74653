/**
 * A neuron process's Prometheus metrics: Effect `Metric`s (names `subnetkit_<area>_<what>_<unit>`) in the registry of
 * the neuron's context, served as text on 127.0.0.1:<port>/metrics for as long as the neuron's scope is open.
 */
import { Effect, Metric } from "effect"
import * as PrometheusMetrics from "effect/observability/PrometheusMetrics"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { StartupError } from "../errors.ts"

const counter = (name: string, description: string) => Metric.counter(name, { description, incremental: true })

export const chainErrors = counter("subnetkit_chain_errors_total", "Chain calls that failed")
export const validatorAnswers = counter("subnetkit_validator_answers_total", "Answers by status")
export const validatorWeights = counter("subnetkit_validator_weights_total", "Weights set, committed or revealed")
export const validatorReward = Metric.gauge("subnetkit_validator_reward_ratio", {
  description: "Last reward per miner uid, 0 to 1",
})
export const axonRequests = counter("subnetkit_axon_requests_total", "Requests answered by the Axon")
export const axonRefusals = counter("subnetkit_axon_refusals_total", "Requests refused by the Axon")

/** Adds 1 to `metric`'s series for `attributes`. */
export const count = (metric: Metric.Metric<number, unknown>, attributes: Record<string, string>) =>
  Metric.update(Metric.withAttributes(metric, attributes), 1)

/** Serves the current registry's metrics on 127.0.0.1:`port` (0: a free one) until the scope closes; its port. */
export const serveMetrics = (port: number) =>
  Effect.gen(function*() {
    const context = yield* Effect.context<never>()
    const server = createServer((req, res) => {
      if (req.url !== "/metrics") return void res.writeHead(404).end()
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(PrometheusMetrics.formatUnsafe(context))
    })
    yield* Effect.acquireRelease(
      Effect.callback<void, StartupError>((resume) => {
        server.once("error", (e) => resume(Effect.fail(new StartupError(`--metrics-port ${port}: ${e.message}`))))
        server.listen(port, "127.0.0.1", () => resume(Effect.void))
      }),
      () =>
        Effect.callback<void>((resume) => {
          server.closeAllConnections() // a scraper's keep-alive connection must not hold the stop
          server.close(() => resume(Effect.void))
        }),
    )
    return (server.address() as AddressInfo).port
  })
