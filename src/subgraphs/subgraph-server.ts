// Builds a federated subgraph from type-graphql resolvers (STACK.md recipe) and serves it
// over HTTP; every GraphQL call must carry the gateway's valid signature (fail closed).
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import type { MikroORM } from "@mikro-orm/core";
import type { HubConfig, SubgraphName } from "../config";
import { CALLER_HEADER, ReplayGuard, SIGNATURE_HEADER, verifyRequest } from "../auth/subgraph-signature";
import { DISCLOSURE_EXTENSION, DisclosureLog } from "./disclosure";
import { beginReadScope } from "../db/orm";
import type { Caller } from "../auth/caller";
import { ErrorCode, hubError, INTERNAL_MESSAGE, isPublicCode } from "../errors";
import { createGraphQLHttpServer, readBody, sendJson, type RawRequest } from "../http/apollo-http";
import type { SubgraphContext } from "./subgraph-context";
import { systemClock, type Clock } from "../domain/clock";

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
  /** R8.4: reads run under row-level security with the caller's readable divisions. */
  rowSecurity?: (caller: Caller) => "*" | string[] | null;
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
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
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
  console.error("[hub] internal error", error);
  return { message: INTERNAL_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

export interface RunningSubgraph {
  apollo: ApolloServer<SubgraphContext>;
  http: import("node:http").Server;
}

export async function createSubgraphServer(built: BuiltSubgraph, orm: MikroORM, config: HubConfig, clock: Clock = systemClock): Promise<RunningSubgraph> {
  const apollo = new ApolloServer<SubgraphContext>({
    schema: built.schema,
    introspection: config.mode !== "production",
    includeStacktraceInErrorResponses: false,
    formatError: formatHubError,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        // R8.3: what the request disclosed goes back to the gateway, which audits it.
        async requestDidStart() {
          let readScope = false;
          return {
            // R8.4: a query runs in one read-only transaction as the application role, with the
            // caller's divisions set for row-level security.
            async didResolveOperation({ operation, contextValue }) {
              if (!built.rowSecurity || operation?.operation !== "query") return;
              const divisions = built.rowSecurity(contextValue.caller);
              if (divisions === null) return;
              await beginReadScope(contextValue.em, divisions);
              readScope = true;
            },
            async willSendResponse({ response, contextValue }) {
              if (readScope) {
                readScope = false;
                await contextValue.em.rollback();
              }
              if (response.body.kind !== "single" || contextValue.disclosures.empty) return;
              const result = response.body.singleResult;
              result.extensions = { ...(result.extensions ?? {}), [DISCLOSURE_EXTENSION]: contextValue.disclosures.report() };
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const replay = new ReplayGuard();
  const context = async (raw: RawRequest): Promise<SubgraphContext> => {
    const caller = verifyRequest(
      config.signingKeys,
      { caller: headerValue(raw.headers[CALLER_HEADER]), signature: headerValue(raw.headers[SIGNATURE_HEADER]) },
      raw.body,
      built.name,
      Date.now(),
      replay,
    );
    if (!caller || raw.method !== "POST") {
      throw hubError(ErrorCode.UNAUTHENTICATED, "子图只接受网关签名的请求", { http: { status: 401 } });
    }
    return {
      em: orm.em.fork(),
      caller,
      requestId: headerValue(raw.headers["x-request-id"]) ?? randomUUID(),
      loaders: new Map(),
      clock,
      calendar: config.calendar,
      disclosures: new DisclosureLog(),
    };
  };
  const internalRoute = async (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse): Promise<boolean> => {
    const m = /^\/internal\/([a-z-]+)$/i.exec(req.url ?? "");
    if (!m) return false;
    const handler = built.internal?.[m[1]];
    const body = req.method === "POST" ? await readBody(req) : "";
    const caller = verifyRequest(
      config.signingKeys,
      { caller: headerValue(req.headers[CALLER_HEADER]), signature: headerValue(req.headers[SIGNATURE_HEADER]) },
      body,
      built.name,
      Date.now(),
      replay,
    );
    // Fail closed: signed by the gateway for this subgraph, as the gateway itself.
    if (!caller?.system || req.method !== "POST") {
      sendJson(res, 401, { error: "UNAUTHENTICATED" });
      return true;
    }
    if (!handler) {
      sendJson(res, 404, { error: "NOT_FOUND" });
      return true;
    }
    try {
      const ctx: SubgraphContext = { em: orm.em.fork(), caller, requestId: headerValue(req.headers["x-request-id"]) ?? randomUUID(), loaders: new Map(), clock, calendar: config.calendar, disclosures: new DisclosureLog() };
      sendJson(res, 200, { result: await handler(ctx, JSON.parse(body || "null")) });
    } catch (e) {
      console.error(`[hub] internal ${m[1]} failed`, e);
      sendJson(res, 500, { error: "INTERNAL_SERVER_ERROR" });
    }
    return true;
  };
  const http = createGraphQLHttpServer(apollo, context, [
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
  ]);
  return { apollo, http };
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v[0] : v;
}

