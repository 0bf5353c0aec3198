// The gateway: Apollo Server 5 executing the committed supergraph with the
// @graphql-tools/federation executor. It authenticates callers (JWT), applies the hardening
// limits (R8.4) and the written-permission rule field by field (R8.2), audits every disclosure
// (R8.3) and signs every subgraph call with the caller context.
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
import { portalRoute } from "./portal/portal.route";
import { schemaDir } from "./compose";
import { DISCLOSURE_EXTENSION, type DisclosureReport } from "../subgraphs/disclosure";
import { readRequirements } from "./field-authorization";
import { authorizationPlugin } from "./authorization.plugin";
import { InternalClient } from "./internal-client";
import { GrantsCache } from "./grants-cache";
import { PublicListCache } from "./public-cache";
import { hardeningPlugin } from "./hardening.plugin";
import { serverHardeningOptions } from "./hardening";
import { applyPersistedDocument, TrustedDocuments } from "./trusted-documents";
import { RateLimiter, RedisRateLimiter } from "./rate-limit";
import { connectRedis } from "../redis";
import { MemoryNonceStore, RedisNonceStore } from "../auth/nonce-store";
import { INBOUND_TOLERANCE_SECONDS, inboundRoute } from "./inbound.route";
import { requestObservationPlugin, ServiceObservability } from "../observability/observability";
import { metricsRoute } from "../observability/metrics";
import { CLOCK_EXTENSION, drillClockExtension, isDrillClock, systemClock, type Clock } from "../domain/clock";

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

/**
 * Collects each subgraph's disclosure report into the request context and hides it from the
 * client; a drill hub's gateway adopts a subgraph's later clock (an ADMIN advanced it there).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function collectDisclosures(inner: (request: any) => any, clock: Clock): Executor {
  return (async (request: Parameters<Executor>[0]) => {
    const result = await inner(request);
    if (result && typeof result === "object" && "extensions" in result && result.extensions) {
      const ext = result.extensions as Record<string, unknown>;
      const reported = ext[CLOCK_EXTENSION] as { now?: unknown } | undefined;
      if (reported) {
        if (isDrillClock(clock) && typeof reported.now === "string") clock.observe(new Date(reported.now));
        delete ext[CLOCK_EXTENSION];
      }
      const report = ext[DISCLOSURE_EXTENSION] as DisclosureReport | undefined;
      if (report) {
        (request.context as GatewayContext | undefined)?.disclosures?.push(report);
        delete ext[DISCLOSURE_EXTENSION];
      }
    }
    return result;
  }) as Executor;
}

export function buildGatewaySchema(supergraphSdl: string, urls: Record<SubgraphName, string>, config: HubConfig, clock: Clock = systemClock): GraphQLSchema {
  const key = config.signingKeys[0];
  const signingFetch = (audience: SubgraphName) => (url: string, init?: RequestInit, context?: GatewayContext): Promise<Response> => {
    if (!context?.caller) return Promise.reject(new Error("subgraph call without a caller context"));
    const body = typeof init?.body === "string" ? init.body : "";
    const headers = new Headers(init?.headers);
    const target = { method: init?.method ?? "GET", path: new URL(url).pathname };
    // A drill hub's services keep the gateway's time (the caller context carries it, signed).
    const caller = isDrillClock(clock) ? { ...context.caller, clockAt: clock.now().getTime() } : context.caller;
    for (const [k, v] of Object.entries(signRequest(key, caller, body, audience, Date.now(), target))) headers.set(k, v);
    headers.set("x-request-id", context.requestId);
    // The executor passes one long-lived signal (its dispose controller's) to every call; fetch
    // adds an abort listener to it per call that goes only when the call is collected, so under
    // load they pile up by the thousand (a leak, seen in the soak). That signal never aborts while
    // the gateway serves: calls go without it.
    const { signal: _shared, ...rest } = init ?? {};
    return fetch(url, { ...rest, headers });
  };
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl,
    onSubschemaConfig(cfg) {
      const name = SUBGRAPHS.find((n) => n === cfg.name.toLowerCase());
      if (!name) throw new Error(`supergraph names an unknown subgraph ${cfg.name}`);
      // Isolation (R8.2): identical in-flight subgraph calls are never merged. The executor's
      // merge keys on URL and body, before the caller's signed context is added, so two callers
      // sending the same document at the same moment would receive one answer decided for one
      // of them (and only one audit report). A merge keyed on the signed caller context would
      // almost never hit (the context carries the caller's grants, client address and operation
      // name), so none is kept.
      cfg.executor = collectDisclosures(buildHTTPExecutor({ endpoint: urls[name], fetch: signingFetch(name) as never, deduplicateInflightRequests: false }), clock) as never;
    },
  });
}

export interface Gateway {
  apollo: ApolloServer<GatewayContext>;
  /** Releases what the gateway holds besides its HTTP server (the Redis connection). */
  close(): Promise<void>;
  http: http.Server;
  /** Logger and metrics of the gateway (GET /metrics). */
  observability: ServiceObservability;
  /** The written permissions kept while notified of changes (R8.2). */
  grants: GrantsCache;
}

/** Asks each subgraph's probe (`/health` or `/ready`): "ok" or why not. */
async function probeSubgraphs(urls: Record<SubgraphName, string>, path: "/health" | "/ready"): Promise<[SubgraphName, string][]> {
  return Promise.all(
    SUBGRAPHS.map(async (name): Promise<[SubgraphName, string]> => {
      try {
        const r = await fetch(new URL(path, urls[name]), { signal: AbortSignal.timeout(3000) });
        await r.body?.cancel();
        return [name, r.ok ? "ok" : `HTTP ${r.status}`];
      } catch (e) {
        return [name, (e as Error).message];
      }
    }),
  );
}

export interface GatewayOptions {
  /** The archive's PostgreSQL, to be notified of changed written permissions (none: read per request). */
  grantsNotifyUrl?: string;
}

export async function createGateway(supergraphSdl: string, urls: Record<SubgraphName, string>, config: HubConfig, clock: Clock = systemClock, options: GatewayOptions = {}): Promise<Gateway> {
  const schema = buildGatewaySchema(supergraphSdl, urls, config, clock);
  const internal = new InternalClient(urls.archive, config.signingKeys[0], clock);
  // R8.2: the permissions in force, kept while PostgreSQL notifies every change (grants-cache.ts).
  const grants = new GrantsCache((org, requestId) => internal.currentGrants(org, requestId), options.grantsNotifyUrl, clock);
  await grants.start();
  const production = config.mode === "production";
  const trusted = loadTrustedDocuments();
  const observability = new ServiceObservability("gateway");
  const redis = config.redisUrl ? connectRedis(config.redisUrl) : undefined;
  const { metrics } = observability;
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    ...serverHardeningOptions(production, config.limits),
    // The command line stops the servers on SIGTERM/SIGINT itself (draining, within 10 s).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: formatHubError,
    csrfPrevention: true,
    // Apollo's automatic persisted queries would let anyone register a document: off (R8.4).
    persistedQueries: false,
    plugins: [
      requestObservationPlugin<GatewayContext>(),
      // R8.4: one organisation's limit holds across every gateway replica (Redis), or per process.
      hardeningPlugin<GatewayContext>({ limits: config.limits, trusted, rateLimiter: redis ? new RedisRateLimiter(redis, config.rateLimit.perSecond, config.rateLimit.burst) : new RateLimiter(config.rateLimit), schema }),
      authorizationPlugin({
        schema,
        requirements: readRequirements(supergraphSdl),
        internal,
        grantsInForce: (org, requestId) => grants.grantsInForce(org, requestId),
        afterMutation: () => grants.forgetAll(),
        production,
        benchWithoutAuthorization: config.benchWithoutAuthorization,
        onAudit: (outcome) => metrics.auditWrites!.inc({ outcome }),
        onDenied: (denials) => {
          for (const d of denials) metrics.denials!.inc({ category: d.category, source: d.source });
        },
      }),
      // A drill hub says so in every answer (extensions.clock): nobody mistakes it for the real system.
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response }) {
              if (!isDrillClock(clock) || response.body.kind !== "single") return;
              const result = response.body.singleResult;
              result.extensions = { ...(result.extensions ?? {}), [CLOCK_EXTENSION]: drillClockExtension(clock) };
            },
          };
        },
      },
      production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  // The supergraph is loaded once Apollo has started on the stitched schema (before the gateway listens).
  let supergraphLoaded = false;
  await apollo.start();
  supergraphLoaded = true;
  // A drill gateway that starts after an ADMIN advanced the clock takes the archive's time.
  await internal.syncClock("gateway-start");
  // Liveness vs readiness: /health answers whether the gateway and every subgraph respond (an
  // overview for monitoring: 503 names the failing subgraphs); /ready whether the gateway should
  // get traffic: the supergraph is loaded and every subgraph is ready (its database answers and
  // its migrations are applied). Neither needs a token; /metrics neither (no family data there).
  const server = createGraphQLHttpServer(
    apollo,
    async (raw) => ({
      caller: await callerFromAuthorization(headerValue(raw.headers.authorization), config),
      requestId: raw.requestId,
      clientAddress: raw.remoteAddress,
      receivedAt: clock.now(),
      disclosures: [],
    }),
    [
      ...(production ? [] : [graphiqlRoute(clock)]),
      // R5.3: the embeddable public list for municipal portals (script and demo page).
      portalRoute(trusted, { demo: !production }),
      async (req, res) => {
        if (req.url !== "/health") return false;
        const checks = await probeSubgraphs(urls, "/health");
        const ok = checks.every(([, s]) => s === "ok");
        sendJson(res, ok ? 200 : 503, { status: ok ? "ok" : "unavailable", subgraphs: Object.fromEntries(checks) });
        return true;
      },
      async (req, res) => {
        if (req.url !== "/ready") return false;
        const checks = await probeSubgraphs(urls, "/ready");
        const ready = supergraphLoaded && checks.every(([, s]) => s === "ok");
        sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", supergraph: supergraphLoaded ? "loaded" : "missing", subgraphs: Object.fromEntries(checks) });
        return true;
      },
      metricsRoute(metrics),
      // R6.7 inbound: lists pushed by the national platform and other provinces (signed, replay-checked).
      inboundRoute(config.inboundSenders, internal, redis ? new RedisNonceStore(redis, "hub:inbound-nonce:") : new MemoryNonceStore(2 * INBOUND_TOLERANCE_SECONDS * 1000)),
    ],
    (body) => applyPersistedDocument(body, trusted),
    { cors: true, observe: observability, publicCache: new PublicListCache(config.publicListMaxAge) },
  );
  return {
    apollo,
    http: server,
    observability,
    grants,
    close: async () => {
      await grants.close();
      await redis?.quit().catch(() => undefined);
    },
  };
}

function headerValue(v: string | string[] | undefined): string | null {
  return v === undefined ? null : Array.isArray(v) ? v[0] : v;
}
