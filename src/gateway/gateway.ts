// The gateway: Apollo Server 5 executing the committed supergraph with the
// @graphql-tools/federation executor. It authenticates callers (JWT) and signs every
// subgraph call with the caller context.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from "@apollo/server/plugin/landingPage/default";
import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import { buildHTTPExecutor } from "@graphql-tools/executor-http";
import type { GraphQLSchema } from "graphql";
import { SUBGRAPHS, type HubConfig, type SubgraphName } from "../config";
import type { Caller } from "../auth/caller";
import { callerFromAuthorization } from "../auth/jwt";
import { signRequest } from "../auth/subgraph-signature";
import { createGraphQLHttpServer, sendJson } from "../http/apollo-http";
import { formatHubError } from "../subgraphs/subgraph-server";
import { graphiqlRoute } from "./graphiql";

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  clientAddress: string | undefined;
}

export function buildGatewaySchema(supergraphSdl: string, urls: Record<SubgraphName, string>, config: HubConfig): GraphQLSchema {
  const key = config.signingKeys[0];
  const signingFetch = (url: string, init?: RequestInit, context?: GatewayContext): Promise<Response> => {
    if (!context?.caller) return Promise.reject(new Error("subgraph call without a caller context"));
    const body = typeof init?.body === "string" ? init.body : "";
    const headers = new Headers(init?.headers);
    for (const [k, v] of Object.entries(signRequest(key, context.caller, body))) headers.set(k, v);
    headers.set("x-request-id", context.requestId);
    return fetch(url, { ...init, headers });
  };
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    onSubschemaConfig(cfg) {
      const name = SUBGRAPHS.find((n) => n === cfg.name.toLowerCase());
      if (!name) throw new Error(`supergraph names an unknown subgraph ${cfg.name}`);
      cfg.executor = buildHTTPExecutor({ endpoint: urls[name], fetch: signingFetch as never });
    },
  });
}

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  http: http.Server;
}

export async function createGateway(supergraphSdl: string, urls: Record<SubgraphName, string>, config: HubConfig): Promise<Gateway> {
  const schema = buildGatewaySchema(supergraphSdl, urls, config);
  const production = config.mode === "production";
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: formatHubError,
    csrfPrevention: true,
    plugins: [production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false })],
  });
  await apollo.start();
  const healthUrls = SUBGRAPHS.map((n) => ({ name: n, url: new URL("/health", urls[n]).toString() }));
  const server = createGraphQLHttpServer(
    apollo,
    async (raw) => ({
      caller: callerFromAuthorization(headerValue(raw.headers.authorization), config),
      requestId: headerValue(raw.headers["x-request-id"]) ?? randomUUID(),
      clientAddress: raw.remoteAddress,
    }),
    [
      ...(production ? [] : [graphiqlRoute]),
      async (req, res) => {
        if (req.url !== "/health") return false;
        const checks = await Promise.all(
          healthUrls.map(async ({ name, url }) => {
            try {
              const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
              return [name, r.ok ? "ok" : `HTTP ${r.status}`] as const;
            } catch (e) {
              return [name, (e as Error).message] as const;
            }
          }),
        );
        const ok = checks.every(([, s]) => s === "ok");
        sendJson(res, ok ? 200 : 503, { status: ok ? "ok" : "unavailable", subgraphs: Object.fromEntries(checks) });
        return true;
      },
    ],
  );
  return { apollo, http: server };
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v[0] : v;
}
