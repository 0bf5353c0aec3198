// A small Node HTTP adapter for Apollo Server 5 (no web framework): GraphQL at /graphql,
// extra routes (health, readiness) beside it. The adapter hands the raw body to the context
// builder so that subgraphs can verify the gateway's signature over it.
import { notModified, type PublicListCache } from "../gateway/public-cache";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type BaseContext } from "@apollo/server";
import { currentLogger } from "../observability/logger";
import { noteContextFailure, type ServiceObservability } from "../observability/observability";
import { currentRequest, requestIdFrom, runInRequest } from "../observability/request-context";

export interface RawRequest {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  remoteAddress: string | undefined;
  /** The caller's `x-request-id` (when a sane token) or a new one; echoed in the response. */
  requestId: string;
}

export type ExtraRoute = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> | boolean;

const MAX_BODY = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, { errors: [{ message: "请求体过大", extensions: { code: "BAD_USER_INPUT" } }] });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Rewrites a parsed JSON body before Apollo sees it (e.g. a persisted document id → its text). */
export type BodyRewrite = (body: unknown) => { body: unknown } | { error: { status: number; payload: unknown } };

/**
 * Cross-origin use from any portal page (R5.3 embedded public lists): no cookies are involved
 * (callers prove who they are with bearer tokens), so any origin may call, without credentials.
 */
const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, authorization, apollo-require-preflight, x-request-id",
  "access-control-max-age": "600",
  "access-control-expose-headers": "x-request-id, retry-after",
};

export function createGraphQLHttpServer<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (raw: RawRequest) => Promise<TContext>,
  routes: ExtraRoute[] = [],
  rewriteBody?: BodyRewrite,
  options: { cors?: boolean; observe?: ServiceObservability; publicCache?: PublicListCache } = {},
): http.Server {
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname !== "/graphql" || (options.cors && method === "OPTIONS")) {
      await handle(req, res, url, requestIdFrom(req.headers));
      return;
    }
    // One GraphQL request: its id (echoed), its record for logs and metrics, carried through Apollo.
    const requestId = requestIdFrom(req.headers);
    res.setHeader("x-request-id", requestId);
    const record = options.observe?.begin(requestId, method, url.pathname);
    if (!record) {
      await handle(req, res, url, requestId);
      return;
    }
    try {
      await runInRequest(record, () => handle(req, res, url, requestId));
    } finally {
      options.observe!.end(record, res.statusCode);
    }
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string): Promise<void> {
    try {
      if (options.cors) {
        for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
        if (req.method === "OPTIONS") {
          res.writeHead(204).end();
          return;
        }
      }
      for (const route of routes) if (await route(req, res)) return;
      if (url.pathname !== "/graphql") {
        sendJson(res, 404, { errors: [{ message: "未找到", extensions: { code: "NOT_FOUND" } }] });
        return;
      }
      const method = (req.method ?? "GET").toUpperCase();
      const raw = method === "POST" ? await readBody(req) : "";
      // The anonymous public list: answered from the cache, or 304 when the client has it.
      const cacheKey = options.publicCache?.keyOf(method, url.search, raw, req.headers.authorization) ?? null;
      if (cacheKey) {
        const hit = options.publicCache!.get(cacheKey);
        if (hit) {
          for (const [k, v] of Object.entries(options.publicCache!.headers(hit))) res.setHeader(k, v);
          if (notModified(req.headers["if-none-match"], hit.etag)) res.writeHead(304).end();
          else res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(hit.body);
          return;
        }
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      let body: unknown = raw;
      if (method === "POST" && (headers.get("content-type") ?? "").includes("application/json")) {
        try {
          body = raw.length ? JSON.parse(raw) : undefined;
        } catch {
          sendJson(res, 400, { errors: [{ message: "请求体不是有效的 JSON", extensions: { code: "BAD_REQUEST" } }] });
          return;
        }
      }
      if (rewriteBody && body && typeof body === "object") {
        const rewritten = rewriteBody(body);
        if ("error" in rewritten) {
          sendJson(res, rewritten.error.status, rewritten.error.payload);
          return;
        }
        body = rewritten.body;
      }
      const rawRequest: RawRequest = { method, headers: req.headers, body: raw, remoteAddress: req.socket.remoteAddress, requestId };
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: url.search, body },
        context: async () => {
          try {
            return await context(rawRequest);
          } catch (e) {
            const record = currentRequest();
            if (record) noteContextFailure(record, e);
            throw e;
          }
        },
      });
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === "complete") {
        if (cacheKey) {
          const operationName = method === "GET" ? url.searchParams.get("operationName") : body && typeof body === "object" ? (((body as { operationName?: unknown }).operationName as string | undefined) ?? null) : null;
          const stored = options.publicCache!.store(cacheKey, operationName, res.statusCode, result.body.string);
          if (stored) {
            for (const [k, v] of Object.entries(options.publicCache!.headers(stored))) res.setHeader(k, v);
            if (notModified(req.headers["if-none-match"], stored.etag)) {
              res.writeHead(304).end();
              return;
            }
          }
        }
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      if (e instanceof HttpError) sendJson(res, e.status, e.payload);
      else {
        currentLogger().error({ err: e }, "request failed");
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: "服务器内部错误", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
        else res.end();
      }
    }
  }
}

export async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Stops a server gracefully: no new connections, idle keep-alive connections closed at once,
 * requests in flight answered; whatever is still open after `drainMs` is cut.
 */
export async function closeServer(server: http.Server, drainMs = 7000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections?.();
  // A keep-alive connection becomes idle when its request is answered: close it then.
  const sweep = setInterval(() => server.closeIdleConnections?.(), 50);
  const cut = setTimeout(() => server.closeAllConnections?.(), drainMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
