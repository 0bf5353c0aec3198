// OpenTelemetry traces across gateway → subgraphs → SQL.
//
// Automatic: `http` (each server's incoming requests; extracts W3C `traceparent`), `undici`
// (Node's fetch: the gateway's subgraph and /internal calls; injects `traceparent`) and `pg`
// (every PostgreSQL query, under a request only). Manual: the gateway's GraphQL operation
// (`operationSpan`, in the authorization plugin) and SQL on the embedded PGlite, which is not
// `pg` (`traceMikroOrmQueries`).
//
// `initTracing` must run before anything requires `http` or `pg` (first import of the CLI,
// src/observability/preload.ts). Modules loaded earlier are patched on their next `require`
// (which is why `initTracing` requires `http` itself: under vitest, `node:http` is imported as
// ESM and never passes through `require`). No OTLP endpoint configured: no provider, no
// instrumentation, the API stays a no-op.
//
// What leaves the process (RedactingSpanProcessor): SQL without literals (MikroORM inlines every
// parameter into the SQL text), URLs without query strings, no ID numbers or tokens anywhere.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { BatchSpanProcessor, SimpleSpanProcessor, type ReadableSpan, type Span as SdkSpan, type SpanExporter, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { MikroORM } from "@mikro-orm/core";
import type { HubConfig } from "../config";
import { redactSql, redactText, redactUrl } from "./redact";

export const TRACER_NAME = "hubei-credit-hub";

/** Probes are not traced (they would bury the requests). */
const PROBE_PATH = /^\/(health|ready|metrics)(\?|$)/;

const SQL_KEYS = new Set(["db.statement", "db.query.text"]);
const URL_KEYS = new Set(["url.full", "http.url", "http.target"]);
const DROP_KEYS = new Set(["url.query", "db.postgresql.values"]);

function scrubAttributes(attributes: Attributes): void {
  for (const [k, v] of Object.entries(attributes)) {
    if (DROP_KEYS.has(k)) delete attributes[k];
    else if (typeof v !== "string") continue;
    else if (SQL_KEYS.has(k)) attributes[k] = redactSql(v);
    else if (URL_KEYS.has(k)) attributes[k] = redactText(redactUrl(v));
    else attributes[k] = redactText(v);
  }
}

/** Scrubs every finished span before any exporter sees it (runs first among the processors). */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(_span: SdkSpan, _parentContext: Context): void {}
  onEnd(span: ReadableSpan): void {
    scrubAttributes(span.attributes);
    for (const e of span.events) if (e.attributes) scrubAttributes(e.attributes);
    if (span.status.message) (span.status as { message?: string }).message = redactSql(span.status.message);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface Tracing {
  provider: NodeTracerProvider;
  /** Exports what is buffered (hub close). */
  flush(): Promise<void>;
  /** Unregisters the instrumentations and the provider (tests). */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

export interface TracingOptions {
  /** An exporter of one's own (tests: InMemorySpanExporter), exported span by span. */
  exporter?: SpanExporter;
}

/**
 * Once per process, before http/pg are loaded. Exporter: the given one, else OTLP/HTTP when
 * `config.otlpEndpoint` is set, else none (tracing off, returns null).
 */
export function initTracing(config: Pick<HubConfig, "otlpEndpoint" | "serviceName">, options: TracingOptions = {}): Tracing | null {
  if (active) return active;
  const exporter = options.exporter ?? (config.otlpEndpoint ? new OTLPTraceExporter({ url: config.otlpEndpoint }) : undefined);
  if (!exporter) return null;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": config.serviceName }),
    spanProcessors: [new RedactingSpanProcessor(), options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  // Global provider, AsyncLocalStorage context manager, W3C traceparent + baggage propagators.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => PROBE_PATH.test(req.url ?? ""),
        // The OTLP exporter's own requests, say: only outgoing calls inside a trace.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ ignoreRequestHook: (req) => PROBE_PATH.test(req.path) }),
      // Queries outside any request (migrations, seeding) are not traced; no parameter values.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  // Builtins imported before (or as ESM, under vitest) are patched on their next `require`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("node:http");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("node:https");
  const tracing: Tracing = {
    provider,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      active = undefined;
    },
  };
  active = tracing;
  return tracing;
}

/** The tracing set up by `initTracing`, if any. */
export function activeTracing(): Tracing | undefined {
  return active;
}

function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/**
 * The gateway's GraphQL operation as a span (named after the operation), active while `fn`
 * runs, so the subgraph calls are its children. Marked as an error when the response carries
 * INTERNAL_SERVER_ERROR.
 */
export function operationSpan<T>(operationName: string | null | undefined, operationType: string | undefined, fn: () => Promise<T>, errorCodes?: (result: T) => string[]): Promise<T> {
  const name = operationName ? redactText(operationName) : "anonymous";
  const attributes: Attributes = { "graphql.operation.name": name, ...(operationType ? { "graphql.operation.type": operationType } : {}) };
  return tracer().startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, async (span: Span) => {
    try {
      const result = await fn();
      const codes = errorCodes?.(result) ?? [];
      if (codes.length) span.setAttribute("graphql.error.codes", [...new Set(codes)]);
      if (codes.includes("INTERNAL_SERVER_ERROR")) span.setStatus({ code: SpanStatusCode.ERROR });
      return result;
    } catch (e) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.name ?? "error" });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** Tags the current request's span (the http server span) with the service and request id. */
export function tagRequestSpan(service: string, requestId: string, route: string, method: string): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  span.setAttributes({ "hub.service": service, "hub.request_id": requestId, "http.route": route });
  span.updateName(`${method} ${route}`);
}

/** Adds attributes to the current request's span. */
export function annotateActiveSpan(attributes: Attributes): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttributes(attributes);
}

/**
 * SQL spans where the `pg` instrumentation sees nothing (the embedded PGlite): wraps MikroORM's
 * connection `executeQuery` (every statement passes through it) while tracing is on.
 */
export function traceMikroOrmQueries(orm: MikroORM, system: string): void {
  if (!active) return;
  const connection = orm.em.getDriver().getConnection() as unknown as { executeQuery?: (sql: string, cb: () => Promise<unknown>, ctx?: unknown) => Promise<unknown> };
  const original = connection.executeQuery;
  if (typeof original !== "function") return;
  const schema = orm.config.get("schema");
  connection.executeQuery = function (this: unknown, sql: string, cb: () => Promise<unknown>, ctx?: unknown) {
    if (!trace.getActiveSpan()) return original.call(this, sql, cb, ctx);
    const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "SQL";
    return tracer().startActiveSpan(
      `${system}.query:${verb}`,
      { kind: SpanKind.CLIENT, attributes: { "db.system.name": "postgresql", "hub.db.engine": system, ...(schema ? { "db.namespace": schema } : {}), "db.query.text": redactSql(sql) } },
      async (span) => {
        try {
          return await original.call(this, sql, cb, ctx);
        } catch (e) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.name ?? "error" });
          throw e;
        } finally {
          span.end();
        }
      },
    );
  };
}
