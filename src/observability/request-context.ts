// The request being served, for the logger, the metrics and formatError (which get no context
// of their own): one record per GraphQL request, carried by AsyncLocalStorage from the HTTP
// adapter through Apollo's plugins and resolvers.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { SubgraphName } from "../config";

export type ServiceName = "gateway" | SubgraphName;

export interface RequestRecord {
  service: ServiceName;
  requestId: string;
  /** process.hrtime.bigint() when the request arrived. */
  started: bigint;
  /** The operation Apollo resolved (a name from the document; never the raw request field). */
  operationName: string | null;
  operationType: string | null;
  /** The caller's organisation (null: anonymous or the gateway itself). */
  org: string | null;
  system: boolean;
  /** `extensions.code` of each error in the response. */
  errorCodes: string[];
  hasData: boolean;
  rateLimited: boolean;
}

const storage = new AsyncLocalStorage<RequestRecord>();

export function currentRequest(): RequestRecord | undefined {
  return storage.getStore();
}

export function runInRequest<T>(record: RequestRecord, fn: () => T): T {
  return storage.run(record, fn);
}

/** Request ids we accept from callers (anything else is replaced: ids end up in logs and headers). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, otherwise a new UUID. */
export function requestIdFrom(headers: http.IncomingHttpHeaders): string {
  const raw = headers["x-request-id"];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v !== undefined && REQUEST_ID.test(v) ? v : randomUUID();
}

export function newRequestRecord(service: ServiceName, requestId: string): RequestRecord {
  return { service, requestId, started: process.hrtime.bigint(), operationName: null, operationType: null, org: null, system: false, errorCodes: [], hasData: false, rateLimited: false };
}
