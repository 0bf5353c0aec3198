// Builds a federated subgraph from type-graphql resolvers (STACK.md recipe) and serves it
// over HTTP; every GraphQL call must carry the gateway's valid signature (fail closed).
import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import type { MikroORM } from "@mikro-orm/core";
import type { HubConfig, SubgraphName } from "../config";
import { CALLER_HEADER, NONCE_TTL_MS, SIGNATURE_HEADER, verifyRequest } from "../auth/subgraph-signature";
import { MemoryNonceStore, RedisNonceStore, type NonceStore } from "../auth/nonce-store";
import { connectRedis } from "../redis";
import { DISCLOSURE_EXTENSION, DisclosureLog } from "./disclosure";
import { applyDisclosurePolicy } from "./disclosure-mechanism";
import { beginScope, pendingMigrations, probeApplicationRole } from "../db/orm";
import type { Caller } from "../auth/caller";
import { ErrorCode, hubError, INTERNAL_MESSAGE, isPublicCode } from "../errors";
import { createGraphQLHttpServer, readBody, sendJson, type RawRequest } from "../http/apollo-http";
import { ArchiveLink } from "./archive-link";
import type { SubgraphContext } from "./subgraph-context";
import { CLOCK_EXTENSION, drillClockExtension, isDrillClock, syncDrillClock, systemClock, type Clock } from "../domain/clock";
import { currentLogger, requestLogger } from "../observability/logger";
import { requestObservationPlugin, ServiceObservability } from "../observability/observability";
import { metricsRoute } from "../observability/metrics";
import { requestIdFrom } from "../observability/request-context";
import { tagRequestSpan } from "../observability/tracing";

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible", "@requiresScopes", "@policy"])';

export interface SubgraphDefinition {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. */
  references: Record<string, (reference: Record<string, unknown>, ctx: SubgraphContext) => unknown>;
  /**
   * R8.4: every request runs under row-level security — a query with the divisions the caller may
   * read, a mutation with those it may write (its jurisdiction); null: the gateway's own calls.
   */
  rowSecurity?: { read: (caller: Caller) => "*" | string[] | null; write: (caller: Caller) => "*" | string[] };
  /**
   * The gateway's own calls (`POST /internal/<name>`, signed like any subgraph call, system
   * caller only): plain JSON, not part of any graph.
   */
  internal?: Record<string, (ctx: SubgraphContext, input: unknown) => Promise<unknown>>;
}

export interface BuiltSubgraph {
  name: SubgraphName;
  sdl: string;
  schema: GraphQLSchema;
  rowSecurity?: SubgraphDefinition["rowSecurity"];
  internal?: SubgraphDefinition["internal"];
}

export async function buildSubgraph(def: SubgraphDefinition): Promise<BuiltSubgraph> {
  const typeSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    skipCheck: true,
    validate: false,
    emitSchemaFile: false,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}\n`;
  const resolvers = createResolversMap(typeSchema) as Record<string, Record<string, unknown>>;
  for (const [type, resolve] of Object.entries(def.references)) {
    resolvers[type] = { ...(resolvers[type] ?? {}), __resolveReference: resolve };
  }
  // R8.2: one mechanism applies the disclosure policy to every field (fails on an incomplete policy).
  const schema = applyDisclosurePolicy(buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }), sdl);
  return { name: def.name, sdl, schema, rowSecurity: def.rowSecurity, internal: def.internal };
}

/** Public codes pass; everything else is masked (logged, never shown). */
export function formatHubError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  // Apollo stamps INTERNAL_SERVER_ERROR on any error it does not know (a database error with its
  // SQL and values, say): never pass such a message on.
  if (isPublicCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  if (code === "GRAPHQL_VALIDATION_FAILED" || code === "GRAPHQL_PARSE_FAILED" || code === "BAD_REQUEST" || code === "PERSISTED_QUERY_NOT_FOUND" || code === "OPERATION_RESOLUTION_FAILURE") {
    return formatted;
  }
  // Logged without the message's values (a database error carries its SQL with the parameters).
  currentLogger().error({ err: error, path: formatted.path }, "internal error");
  return { message: INTERNAL_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * Ends a request's transaction (R8.4; never left open). A query's is rolled back. A mutation's is
 * committed when every mutation field of the request succeeded, and rolled back otherwise — all
 * of the request's writes or none, and the answer then says so (no write it reports is lost).
 */
async function endScope(em: import("@mikro-orm/core").EntityManager, mode: "read" | "write", result: { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] } | undefined): Promise<void> {
  if (mode === "read" || !result) {
    await em.rollback().catch(() => undefined);
    return;
  }
  const failedRoot = !result.data || (result.errors ?? []).some((e) => (e.path?.length ?? 0) <= 1);
  if (failedRoot) {
    await em.rollback().catch(() => undefined);
    const fields = result.data ? Object.keys(result.data).filter((k) => result.data![k] !== null) : [];
    if (fields.length) {
      // Another mutation field of the request succeeded, and its write was undone with the rest.
      (result as { data: unknown }).data = null;
      (result as { errors: GraphQLFormattedError[] }).errors = [
        ...(result.errors ?? []),
        { message: "同一请求中的其他写入失败，本请求的全部写入均未生效，请重试", extensions: { code: ErrorCode.CONFLICT } },
      ];
    }
    return;
  }
  try {
    await em.commit();
  } catch (e) {
    await em.rollback().catch(() => undefined);
    currentLogger().error({ err: e }, "commit failed");
    (result as { data: unknown }).data = null;
    (result as { errors: GraphQLFormattedError[] }).errors = [{ message: "写入未能提交（可能与他人的同时修改冲突），请重试", extensions: { code: ErrorCode.CONFLICT } }];
  }
}

export interface RunningSubgraph {
  apollo: ApolloServer<SubgraphContext>;
  /** Releases what the server holds besides its HTTP server (the Redis connection). */
  close(): Promise<void>;
  http: import("node:http").Server;
  /** Logger and metrics of this subgraph (GET /metrics). */
  observability: ServiceObservability;
}

/**
 * Readiness (R8.4): every committed migration of this subgraph is applied, and the application
 * role can read and write its schema under row-level security (a real probe, rolled back).
 */
export async function subgraphReady(orm: MikroORM, rowSecurity = false): Promise<{ ready: boolean; reason?: string }> {
  const pending = await pendingMigrations(orm);
  if (pending === null) return { ready: false, reason: "database unavailable" };
  if (pending.length) return { ready: false, reason: `${pending.length} migration(s) not applied` };
  const problem = await probeApplicationRole(orm, orm.config.get("schema") ?? "public", rowSecurity);
  return problem ? { ready: false, reason: problem } : { ready: true };
}

export async function createSubgraphServer(
  built: BuiltSubgraph,
  orm: MikroORM,
  config: HubConfig,
  clock: Clock = systemClock,
  /** The archive's URL once it listens (in one process, ephemeral ports); else ARCHIVE_URL. */
  archiveUrl: () => string = () => config.subgraphUrls.archive,
): Promise<RunningSubgraph> {
  const archive = built.name === "archive" ? undefined : new ArchiveLink(archiveUrl, config.signingKeys[0], clock, built.name);
  const observability = new ServiceObservability(built.name);
  const apollo = new ApolloServer<SubgraphContext>({
    schema: built.schema,
    introspection: config.mode !== "production",
    // The command line stops the servers on SIGTERM/SIGINT itself (draining, within 10 s).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatHubError,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      requestObservationPlugin<SubgraphContext>(),
      {
        // R8.3: what the request disclosed goes back to the gateway, which audits it.
        async requestDidStart() {
          let scope: "read" | "write" | null = null;
          return {
            // R8.4: a request runs in one transaction as the application role, with the divisions
            // set for row-level security: a query read only, a mutation writing.
            async didResolveOperation({ operation, contextValue }) {
              if (!built.rowSecurity || !operation) return;
              if (operation.operation === "query") {
                const divisions = built.rowSecurity.read(contextValue.caller);
                if (divisions === null) return;
                await beginScope(contextValue.em, divisions, "read");
                scope = "read";
              } else if (operation.operation === "mutation") {
                await beginScope(contextValue.em, built.rowSecurity.write(contextValue.caller), "write");
                scope = "write";
              }
            },
            async willSendResponse({ response, contextValue }) {
              const result = response.body.kind === "single" ? response.body.singleResult : undefined;
              if (scope) {
                const mode = scope;
                scope = null;
                await endScope(contextValue.em, mode, result);
              }
              if (!result) return;
              // A drill hub: the gateway keeps the latest time of its services (and shows it).
              if (isDrillClock(clock)) result.extensions = { ...(result.extensions ?? {}), [CLOCK_EXTENSION]: drillClockExtension(clock) };
              if (contextValue.disclosures.empty) return;
              result.extensions = { ...(result.extensions ?? {}), [DISCLOSURE_EXTENSION]: contextValue.disclosures.report() };
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  // R8.4: nonces shared by every replica (Redis), or of this process.
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const replay: NonceStore = redis ? new RedisNonceStore(redis) : new MemoryNonceStore(NONCE_TTL_MS);
  const verify = async (headers: import("node:http").IncomingHttpHeaders, body: string, target: { method: string; path: string }) => {
    try {
      return await verifyRequest(config.signingKeys, { caller: headerValue(headers[CALLER_HEADER]), signature: headerValue(headers[SIGNATURE_HEADER]) }, body, built.name, target, Date.now(), replay);
    } catch (e) {
      currentLogger().error({ err: e }, "replay check unavailable");
      throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "暂时无法核验网关签名，请稍后重试", { http: { status: 503 } });
    }
  };
  const context = async (raw: RawRequest): Promise<SubgraphContext> => {
    const caller = await verify(raw.headers, raw.body, { method: raw.method, path: "/graphql" });
    if (!caller || raw.method !== "POST") {
      throw hubError(ErrorCode.UNAUTHENTICATED, "子图只接受网关签名的请求", { http: { status: 401 } });
    }
    const clockProblem = syncDrillClock(clock, caller.clockAt, `子图 ${built.name}`);
    if (clockProblem) throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, clockProblem, { http: { status: 503 } });
    return {
      em: orm.em.fork(),
      caller,
      requestId: raw.requestId,
      loaders: new Map(),
      clock,
      calendar: config.calendar,
      disclosures: new DisclosureLog(caller),
      archive,
    };
  };
  const internalRoute = async (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): Promise<boolean> => {
    const m = /^\/internal\/([a-z-]+)$/i.exec(req.url ?? "");
    if (!m) return false;
    const requestId = requestIdFrom(req.headers);
    tagRequestSpan(built.name, requestId, `/internal/${m[1]}`, req.method ?? "POST");
    const handler = built.internal?.[m[1]];
    const body = req.method === "POST" ? await readBody(req) : "";
    let caller: Caller | null;
    try {
      caller = await verify(req.headers, body, { method: req.method ?? "POST", path: `/internal/${m[1]}` });
    } catch {
      sendJson(res, 503, { error: "UNAVAILABLE" });
      return true;
    }
    // Fail closed: signed by the gateway for this subgraph and route, as the gateway itself.
    if (!caller?.system || req.method !== "POST") {
      sendJson(res, 401, { error: "UNAUTHENTICATED" });
      return true;
    }
    if (!handler) {
      sendJson(res, 404, { error: "NOT_FOUND" });
      return true;
    }
    const clockProblem = syncDrillClock(clock, caller.clockAt, `子图 ${built.name}`);
    if (clockProblem) {
      requestLogger(built.name, requestId).error({ route: `/internal/${m[1]}` }, clockProblem);
      sendJson(res, 503, { error: "CLOCK_MISMATCH", message: clockProblem });
      return true;
    }
    const started = process.hrtime.bigint();
    try {
      const ctx: SubgraphContext = { em: orm.em.fork(), caller, requestId, loaders: new Map(), clock, calendar: config.calendar, disclosures: new DisclosureLog(caller), archive };
      const result = await handler(ctx, JSON.parse(body || "null"));
      sendJson(res, 200, isDrillClock(clock) ? { result, [CLOCK_EXTENSION]: drillClockExtension(clock) } : { result });
      requestLogger(built.name, requestId).debug({ route: `/internal/${m[1]}`, status: 200, durationMs: Number(process.hrtime.bigint() - started) / 1e6 }, "internal call");
    } catch (e) {
      requestLogger(built.name, requestId).error({ err: e, route: `/internal/${m[1]}`, status: 500 }, "internal call failed");
      sendJson(res, 500, { error: "INTERNAL_SERVER_ERROR" });
    }
    return true;
  };
  // Liveness vs readiness: /health says the process serves and its database answers (restart
  // it when this keeps failing); /ready says it should get traffic: the database answers and
  // this subgraph's migrations are applied (the gateway's /ready asks every subgraph's).
  const http = createGraphQLHttpServer(
    apollo,
    context,
    [
      internalRoute,
      async (req, res) => {
        if (req.url !== "/health") return false;
        try {
          await orm.em.fork().getConnection().execute("select 1");
          sendJson(res, 200, { status: "ok", subgraph: built.name });
        } catch {
          sendJson(res, 503, { status: "unavailable", subgraph: built.name });
        }
        return true;
      },
      async (req, res) => {
        if (req.url !== "/ready") return false;
        const r = await subgraphReady(orm, !!built.rowSecurity);
        sendJson(res, r.ready ? 200 : 503, r.ready ? { status: "ready", subgraph: built.name } : { status: "not ready", subgraph: built.name, reason: r.reason });
        return true;
      },
      metricsRoute(observability.metrics),
    ],
    undefined,
    { observe: observability },
  );
  return { apollo, http, observability, close: async () => void (await redis?.quit().catch(() => undefined)) };
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v[0] : v;
}

