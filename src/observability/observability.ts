// One GraphQL request, observed end to end: the HTTP adapter opens a `RequestRecord` (request id
// from `x-request-id` or new), Apollo's hooks fill it in (`requestObservationPlugin`: operation,
// caller organisation, error codes), and when the response is sent the service logs one line
// and counts the request (metrics).
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { requestLogger, serviceLogger, type Logger } from "./logger";
import { ServiceMetrics } from "./metrics";
import { currentRequest, newRequestRecord, type RequestRecord, type ServiceName } from "./request-context";
import { annotateActiveSpan, tagRequestSpan } from "./tracing";

/** What a service (the gateway or a subgraph) observes with: its name, metrics and logger. */
export class ServiceObservability {
  readonly metrics: ServiceMetrics;
  readonly log: Logger;

  constructor(readonly service: ServiceName) {
    this.metrics = new ServiceMetrics(service);
    this.log = serviceLogger(service);
  }

  /** A GraphQL request arrives (called by the HTTP adapter inside the request's span). */
  begin(requestId: string, method: string, route: string): RequestRecord {
    tagRequestSpan(this.service, requestId, route, method);
    return newRequestRecord(this.service, requestId);
  }

  /** The response is sent: one log line and the request metrics. */
  end(record: RequestRecord, status: number): void {
    const seconds = Number(process.hrtime.bigint() - record.started) / 1e9;
    const outcome = this.metrics.observeRequest(record, status, seconds);
    const line = {
      operationName: record.operationName,
      operationType: record.operationType,
      status,
      outcome,
      durationMs: Math.round(seconds * 1e4) / 10,
      errorCodes: [...new Set(record.errorCodes)],
      org: record.org,
      ...(record.system ? { system: true } : {}),
    };
    const log = requestLogger(this.service, record.requestId);
    if (status >= 500) log.error(line, "graphql request");
    else log.info(line, "graphql request");
  }
}

interface ObservedContext extends BaseContext {
  caller?: { org: string | null; system?: boolean };
}

function codeOf(e: GraphQLFormattedError): string {
  const code = e.extensions?.code;
  return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
}

/** Fills the current request's record from Apollo's view of it (operation, caller, errors). */
export function requestObservationPlugin<TContext extends ObservedContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const record = currentRequest();
      if (!record) return;
      return {
        async didResolveOperation(rc) {
          // The name of the operation found in the document, not the request's free-text field.
          record.operationName = rc.operation?.name?.value ?? null;
          record.operationType = rc.operation?.operation ?? null;
          annotateActiveSpan({ "graphql.operation.name": record.operationName ?? "anonymous", ...(record.operationType ? { "graphql.operation.type": record.operationType } : {}) });
        },
        async willSendResponse(rc) {
          const caller = rc.contextValue?.caller;
          record.org = caller?.org ?? null;
          record.system = caller?.system === true;
          if (rc.response.body.kind !== "single") {
            record.hasData = true;
            return;
          }
          const result = rc.response.body.singleResult;
          const errors = result.errors ?? [];
          record.errorCodes = errors.map(codeOf);
          record.hasData = result.data !== undefined && result.data !== null;
          record.rateLimited = errors.some((e) => e.extensions?.reason === "RATE_LIMITED");
        },
      };
    },
  };
}

/** The error code of an exception thrown before Apollo's hooks run (the context function: a bad token, a bad signature). */
export function noteContextFailure(record: RequestRecord, error: unknown): void {
  const code = (error as { extensions?: { code?: unknown } })?.extensions?.code;
  record.errorCodes = [typeof code === "string" ? code : "INTERNAL_SERVER_ERROR"];
  record.hasData = false;
}

/** `extensions.code` of each error of a single-result response. */
export function responseErrorCodes(response: { body: { kind: string; singleResult?: { errors?: readonly GraphQLFormattedError[] } } } | null): string[] {
  if (!response || response.body.kind !== "single") return [];
  return (response.body.singleResult?.errors ?? []).map(codeOf);
}
