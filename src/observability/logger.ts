// Structured JSON logs (pino): one process-wide instance, child loggers per service
// (gateway | archive | housing | judicial) and per request (requestId, carried from the gateway
// to the subgraphs in `x-request-id`). Log lines hold operation names, durations, statuses,
// error codes and organisations; never tokens, family data or ID numbers: every string field
// and message passes through `redactText`, and errors are logged as `safeError` (no SQL values).
import pino, { type DestinationStream, type Logger } from "pino";
import { logLevelFrom, type HubConfig, type LogLevel } from "../config";
import { currentRequest, type ServiceName } from "./request-context";
import { redactText, safeError } from "./redact";

export type { Logger };

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  // Errors are left to the `err` serializer (`safeError`).
  if (depth > 4 || value === null || typeof value !== "object" || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

function create(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => scrub(obj) as Record<string, unknown>,
    },
    serializers: { err: safeError, error: safeError },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Before `initLogging`: silent under vitest unless HUB_LOG_LEVEL is set, otherwise info (read
 * through the config's own rule).
 */
function defaultLevel(): LogLevel {
  try {
    return logLevelFrom(process.env, process.env.VITEST ? "test" : "development");
  } catch {
    return "info";
  }
}

let root: Logger = create(defaultLevel());

/** At process start: the configured level, to stdout. */
export function initLogging(config: Pick<HubConfig, "logLevel">): void {
  root = create(config.logLevel);
}

/** Replaces the process logger (tests capture lines with their own destination stream). */
export function configureLogging(options: { level: LogLevel; destination?: DestinationStream }): void {
  root = create(options.level, options.destination);
}

export function rootLogger(): Logger {
  return root;
}

export function serviceLogger(service: ServiceName): Logger {
  return root.child({ service });
}

export function requestLogger(service: ServiceName, requestId: string): Logger {
  return root.child({ service, requestId });
}

/** The current request's logger (service and requestId) when there is one, otherwise the process logger. */
export function currentLogger(): Logger {
  const r = currentRequest();
  return r ? requestLogger(r.service, r.requestId) : root;
}
