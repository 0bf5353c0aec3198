// The gateway: Apollo Server 5 executing the committed supergraph with the
// @graphql-tools/federation executor. It authenticates callers (JWT), applies the hardening
// limits (R8.4) and the written-permission rule field by field (R8.2), audits every disclosure
// (R8.3) and signs every subgraph call with the caller context.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from "@apollo/server/plugin/landingPage/default";
import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import { buildHTTPExecutor } from "@graphql-tools/executor-http";
import type { Executor } from "@graphql-tools/utils";
import type { GraphQLSchema } from "graphql";
import { SUBGRAPHS, type HubConfig, type SubgraphName } from "../config";
import type { Caller } from "../auth/caller";
import { callerFromAuthorization } from "../auth/jwt";
import { signRequest } from "../auth/subgraph-signature";
import { createGraphQLHttpServer, sendJson } from "../http/apollo-http";
import { formatHubError } from "../subgraphs/subgraph-server";
import { graphiqlRoute } from "./graphiql";
import { schemaDir } from "./compose";
import { DISCLOSURE_EXTENSION, type DisclosureReport } from "../subgraphs/disclosure";
import { readRequirements } from "./field-authorization";
import { authorizationPlugin } from "./authorization.plugin";
import { InternalClient } from "./internal-client";
import { hardeningPlugin } from "./hardening.plugin";
import { serverHardeningOptions } from "./hardening";
import { applyPersistedDocument, TrustedDocuments } from "./trusted-documents";
import { RateLimiter } from "./rate-limit";

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  clientAddress: string | undefined;
  receivedAt: Date;
  /** What the subgraphs report they disclosed (R8.3), collected from their responses. */
  disclosures: DisclosureReport[];
}

/** The trusted documents the anonymous caller may run (R8.4). */
export function loadTrustedDocuments(): TrustedDocuments {
  // The consumer contract's public operations, exactly as municipal portals send them.
  return TrustedDocuments.fromSource(fs.readFileSync(path.join(schemaDir(), "contract", "operations.graphql"), "utf8"), { only: ["PublicList"] });
}

/** Collects each subgraph's disclosure report into the request context and hides it from the client. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function collectDisclosures(inner: (request: any) => any): Executor {
  return (async (request: Parameters<Executor>[0]) => {
    const result = await inner(request);
    if (result && typeof result === "object" && "extensions" in result && result.extensions) {
      const ext = result.extensions as Record<string, unknown>;
      const report = ext[DISCLOSURE_EXTENSION] as DisclosureReport | undefined;
      if (report) {
        (request.context as GatewayContext | undefined)?.disclosures?.push(report);
        delete ext[DISCLOSURE_EXTENSION];
      }
    }
    return result;
  }) as Executor;
}

export function buildGatewaySchema(supergraphSdl: string, urls: Record<SubgraphName, string>, config: HubConfig): GraphQLSchema {
  const key = config.signingKeys[0];
  const signingFetch = (audience: SubgraphName) => (url: string, init?: RequestInit, context?: GatewayContext): Promise<Response> => {
    if (!context?.caller) return Promise.reject(new Error("subgraph call without a caller context"));
    const body = typeof init?.body === "string" ? init.body : "";
    const headers = new Headers(init?.headers);
    for (const [k, v] of Object.entries(signRequest(key, context.caller, body, audience))) headers.set(k, v);
    headers.set("x-request-id", context.requestId);
    return fetch(url, { ...init, headers });
  };
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    onSubschemaConfig(cfg) {
      const name = SUBGRAPHS.find((n) => n === cfg.name.toLowerCase());
      if (!name) throw new Error(`supergraph names an unknown subgraph ${cfg.name}`);
      cfg.executor = collectDisclosures(buildHTTPExecutor({ endpoint: urls[name], fetch: signingFetch(name) as never })) as never;
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
  const trusted = loadTrustedDocuments();
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    ...serverHardeningOptions(production, config.limits),
    includeStacktraceInErrorResponses: false,
    formatError: formatHubError,
    csrfPrevention: true,
    // Apollo's automatic persisted queries would let anyone register a document: off (R8.4).
    persistedQueries: false,
    plugins: [
      hardeningPlugin<GatewayContext>({ limits: config.limits, trusted, rateLimiter: new RateLimiter(config.rateLimit), schema }),
      authorizationPlugin({ schema, requirements: readRequirements(supergraphSdl), internal: new InternalClient(urls.archive, config.signingKeys[0]), production }),
      production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  await apollo.start();
  const healthUrls = SUBGRAPHS.map((n) => ({ name: n, url: new URL("/health", urls[n]).toString() }));
  const server = createGraphQLHttpServer(
    apollo,
    async (raw) => ({
      caller: callerFromAuthorization(headerValue(raw.headers.authorization), config),
      requestId: headerValue(raw.headers["x-request-id"]) ?? randomUUID(),
      clientAddress: raw.remoteAddress,
      receivedAt: new Date(),
      disclosures: [],
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
    (body) => applyPersistedDocument(body, trusted),
    { cors: true },
  );
  return { apollo, http: server };
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v[0] : v;
}
