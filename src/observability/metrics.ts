// Prometheus metrics (prom-client), one registry per service (the gateway and each subgraph
// answer their own `GET /metrics`, also when they share a process) plus the process's default
// Node metrics. Labels are operation names, outcomes, error codes and data categories: never
// organisations' data, family ids, ID numbers or tokens. `/metrics` needs no token and shows
// nothing about any family.
import type http from "node:http";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { ServiceName, RequestRecord } from "./request-context";

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

let processRegistry: Registry | undefined;

/** Default Node metrics (CPU, memory, event loop, GC…), collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Distinct operation names kept as label values per service; more become "other" (clients choose names). */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

export type Outcome = "success" | "partial" | "error";

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<"operation" | "outcome">;
  readonly duration: Histogram<"operation" | "outcome">;
  readonly errors: Counter<"code">;
  /** Gateway only: requests refused by the per-organisation rate limit. */
  readonly rateLimited?: Counter<string>;
  /** Gateway only: SHARING_NOT_PERMITTED answers by data category and where they were decided. */
  readonly denials?: Counter<"category" | "source">;
  /** Gateway only: disclosure audit writes (R8.3) by outcome (DISCLOSED, PARTIAL, DENIED, FAILED). */
  readonly auditWrites?: Counter<"outcome">;
  private readonly operations = new Set<string>();

  constructor(readonly service: ServiceName) {
    processMetrics();
    this.registry.setDefaultLabels({ service });
    const registers = [this.registry];
    this.requests = new Counter({ name: "hub_graphql_requests_total", help: "GraphQL requests by operation name and outcome (success, partial, error)", labelNames: ["operation", "outcome"], registers });
    this.duration = new Histogram({
      name: "hub_graphql_request_duration_seconds",
      help: "GraphQL request latency by operation name and outcome",
      labelNames: ["operation", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: "hub_graphql_errors_total", help: "Errors in GraphQL responses by extensions.code", labelNames: ["code"], registers });
    if (service === "gateway") {
      this.rateLimited = new Counter({ name: "hub_rate_limit_refusals_total", help: "Requests refused by the per-organisation rate limit (R8.4)", registers });
      this.denials = new Counter({
        name: "hub_permission_denials_total",
        help: "SHARING_NOT_PERMITTED answers (R8.2) by data category and by where they were decided (gateway: no permission in any division; subgraph: per family)",
        labelNames: ["category", "source"],
        registers,
      });
      this.auditWrites = new Counter({ name: "hub_audit_writes_total", help: "Disclosure audit writes (R8.3) by outcome; FAILED withholds the data", labelNames: ["outcome"], registers });
    }
  }

  /** The label value for an operation name: bounded in form and number. */
  operationLabel(name: string | null): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return "other";
    this.operations.add(name);
    return name;
  }

  /** Counts a finished GraphQL request. */
  observeRequest(r: RequestRecord, status: number, seconds: number): Outcome {
    const outcome: Outcome = r.errorCodes.length === 0 && status < 400 ? "success" : r.hasData && status < 400 ? "partial" : "error";
    const labels = { operation: this.operationLabel(r.operationName), outcome };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
    for (const code of r.errorCodes) this.errors.inc({ code: /^[A-Z_]{1,40}$/.test(code) ? code : "OTHER" });
    if (r.rateLimited) this.rateLimited?.inc();
    return outcome;
  }

  /** Prometheus text format 0.0.4: this service's metrics and the process's. */
  async exposition(): Promise<string> {
    const [own, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${proc}`;
  }
}

/** `GET /metrics` (no token; no family data in any metric). */
export function metricsRoute(metrics: ServiceMetrics) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    if (req.url !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const body = await metrics.exposition();
    res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
